"""A member changes their own password (settings, Account).

The new password is hashed with the configured hasher (Argon2, settings.PASSWORD_HASHERS).
Every other signed-in session of the account ends: someone who learnt the old password
and signed in with it is out at once (Django would also refuse those sessions on their
next request, their stored password hash no longer matching; ending them also removes them
from "Your sessions"). The member is told by mail, so a change they did not make does not
go unnoticed. API tokens and app authorisations are not touched: they are listed and
revoked on their own pages.
"""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format

from accounts.models import User
from accounts.preferences import language_for, time_zone_for
from accounts.sessions import sessions_revoke_others
from core.errors import ServiceError
from core.events import event_record
from core.mail import mail_after_commit


def password_change(*, user: User, new_password: str, keep_session_key: str) -> int:
    """Sets the new password; the caller has checked the current one (the web form:
    Django's PasswordChangeForm). Returns how many other sessions were signed out."""
    try:
        validate_password(new_password, user)
    except ValidationError as exc:
        raise ServiceError(" ".join(exc.messages)) from exc
    with transaction.atomic():
        user.set_password(new_password)
        user.save(update_fields=["password"])
        ended = sessions_revoke_others(user=user, keep_key=keep_session_key)
        event_record(
            kind="account.password_changed", actor=user, subject=user, data={"sessions": ended}
        )
        _tell(user, ended)
    return ended


def _tell(user: User, ended: int) -> None:
    """In the member's language and time zone; the time also keeps two changes two mails."""
    with translation.override(language_for(user)), timezone.override(time_zone_for(user)):
        when = date_format(timezone.localtime(), "DATETIME_FORMAT")
        mail_after_commit(
            to=[user.email],
            template="accounts/email/password_changed",
            context={"user": user, "when": when, "ended": ended},
        )

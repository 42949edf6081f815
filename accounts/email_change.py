"""A member changes their e-mail address (settings, Account).

Asking (with the current password) keeps the new address as `email_pending` and mails it
a link, signed like the sign-up confirmation (accounts/verification.py: a timestamped
django.core.signing token, valid VERIFY_DAYS, naming the account and a hash of the
address). The address changes only when that link is followed, signed in to the same
account; then the old address is told. Asking again replaces the waiting address, so an
earlier link stops working. No token is stored.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.preferences import language_for, time_zone_for
from accounts.verification import VERIFY_DAYS, VerificationRefused, address_hash
from core.errors import ServiceError
from core.events import event_record
from core.mail import mail_after_commit

SALT = "candid.accounts.email-change"


def email_change_request(*, user: User, new_email: str, password: str, language: str) -> None:
    """Mails the confirmation link to `new_email`, in `language` (the page's)."""
    if not user.check_password(password):
        raise ServiceError(
            _("Your password is not correct, so your e-mail address was not changed.")
        )
    new_email = User.objects.normalize_email(new_email.strip())
    try:
        validate_email(new_email)
    except ValidationError as exc:
        raise ServiceError(
            _("“%(email)s” is not a valid e-mail address.") % {"email": new_email}
        ) from exc
    if address_hash(new_email) == address_hash(user.email):
        raise ServiceError(_("That is already your e-mail address."))
    token = signing.dumps({"u": user.pk, "e": address_hash(new_email)}, salt=SALT)
    link = settings.SITE_URL + reverse("email_change_confirm", args=[token])
    with transaction.atomic(), translation.override(language):
        user.email_pending = new_email
        user.save(update_fields=["email_pending"])
        mail_after_commit(
            to=[new_email],
            template="accounts/email/email_change",
            context={"user": user, "link": link, "days": VERIFY_DAYS},
        )
        event_record(kind="account.email_change_requested", actor=user, subject=user)


def email_change_cancel(*, user: User) -> None:
    """Forgets the waiting address: the link sent to it stops working."""
    if not user.email_pending:
        raise ServiceError(_("No new e-mail address is waiting for confirmation."))
    with transaction.atomic():
        user.email_pending = ""
        user.save(update_fields=["email_pending"])
        event_record(kind="account.email_change_cancelled", actor=user, subject=user)


def email_change_confirm(*, user: User, token: str) -> User:
    """The signed-in `user` follows the link: their address becomes the one it was sent to.
    A link of another account is refused (whoever holds the mailbox must also hold the
    account). Following it twice is fine."""
    data = _loaded(token)
    if data.get("u") != user.pk:
        raise VerificationRefused(
            _(
                "This link was sent for another account. Sign in to the account that asked for "
                "the new address, then open the link again."
            )
        )
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        if address_hash(locked.email) == data.get("e") and not locked.email_pending:
            return locked
        if not locked.email_pending or address_hash(locked.email_pending) != data.get("e"):
            raise VerificationRefused(
                _(
                    "This link is for an address change that was replaced by a newer one. Use "
                    "the link in the latest e-mail, or ask again in your settings."
                )
            )
        old = locked.email
        locked.email, locked.email_pending = locked.email_pending, ""
        locked.email_unverified, locked.email_verified_at = False, timezone.now()
        locked.save(
            update_fields=["email", "email_pending", "email_unverified", "email_verified_at"]
        )
        event_record(kind="account.email_changed", actor=locked, subject=locked)
        _tell_old_address(locked, old)
    return locked


def _loaded(token: str) -> dict:
    try:
        return signing.loads(token, salt=SALT, max_age=timedelta(days=VERIFY_DAYS))
    except signing.SignatureExpired as exc:
        raise VerificationRefused(
            _(
                "This link has expired (links are valid for %(days)d days). Ask for a new one "
                "in your settings."
            )
            % {"days": VERIFY_DAYS},
            expired=True,
        ) from exc
    except signing.BadSignature as exc:
        raise VerificationRefused(
            _(
                "This link is not valid: it may be incomplete or altered. Copy the whole link "
                "from the e-mail, or ask for a new one in your settings."
            )
        ) from exc


def _tell_old_address(user: User, old: str) -> None:
    with translation.override(language_for(user)), timezone.override(time_zone_for(user)):
        when = date_format(timezone.localtime(), "DATETIME_FORMAT")
        mail_after_commit(
            to=[old],
            template="accounts/email/email_changed",
            context={"user": user, "new_email": user.email, "when": when},
        )

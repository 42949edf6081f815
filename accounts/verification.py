"""E-mail verification for members who sign themselves up.

The link carries a signed, timestamped token (django.core.signing, salted for this use)
naming the account and a hash of the address it was sent to: it expires after
VERIFY_DAYS, a forged or altered token fails the signature, and a link sent to an earlier
address does not verify a changed one. No token is stored. The mail goes through the
outgoing-mail path (core.mail): recorded with the change, sent by the worker.

Until verified, a member can sign in, look around, follow, favourite, report (a notice is
open to anyone, signed in or not: DSA Art. 16), manage their settings and export or erase
their data; uploading, commenting and creating albums wait (accounts.permissions
.ensure_email_verified), so a throw-away address cannot publish.
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from core.errors import ServiceError
from core.events import event_record
from core.mail import mail_after_commit

VERIFY_DAYS = 7
SALT = "candid.accounts.email-verification"


class VerificationRefused(ServiceError):
    """The link is expired, forged or for another address; `expired` tells which kind."""

    def __init__(self, message: str, *, expired: bool = False):
        super().__init__(message)
        self.expired = expired


def address_hash(email: str) -> str:
    return hashlib.sha256(email.strip().casefold().encode()).hexdigest()[:16]


def verification_token(user: User) -> str:
    return signing.dumps({"u": user.pk, "e": address_hash(user.email)}, salt=SALT)


def verification_url(user: User) -> str:
    return settings.SITE_URL + reverse("email_verify", args=[verification_token(user)])


def email_verification_send(*, user: User, language: str) -> None:
    """Mail the member a fresh link, in `language` (the page's language when they signed
    up or asked again). Refused when there is nothing to verify."""
    if not user.email_unverified:
        raise ServiceError(_("Your e-mail address is already confirmed."))
    if not user.email:
        raise ServiceError(_("Your account has no e-mail address to confirm."))
    with transaction.atomic(), translation.override(language):
        mail_after_commit(
            to=[user.email],
            template="accounts/email/verify",
            context={"user": user, "link": verification_url(user), "days": VERIFY_DAYS},
        )
        event_record(kind="account.email_verification_sent", actor=user, subject=user)


def email_verify(*, token: str) -> User:
    """Confirm the address the token was sent to. Following a link twice is fine."""
    try:
        data = signing.loads(token, salt=SALT, max_age=timedelta(days=VERIFY_DAYS))
    except signing.SignatureExpired as exc:
        raise VerificationRefused(
            _(
                "This confirmation link has expired (links are valid for %(days)d days). "
                "Sign in and ask for a new one."
            )
            % {"days": VERIFY_DAYS},
            expired=True,
        ) from exc
    except signing.BadSignature as exc:
        raise VerificationRefused(
            _(
                "This confirmation link is not valid: it may be incomplete or altered. Copy the "
                "whole link from the e-mail, or sign in and ask for a new one."
            )
        ) from exc
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=data.get("u"), is_active=True).first()
        if user is None or address_hash(user.email) != data.get("e"):
            raise VerificationRefused(
                _(
                    "This confirmation link is for an address your account no longer uses. "
                    "Sign in and ask for a new one."
                )
            )
        if user.email_unverified:
            user.email_unverified, user.email_verified_at = False, timezone.now()
            user.save(update_fields=["email_unverified", "email_verified_at"])
            event_record(kind="account.email_verified", actor=user, subject=user)
    return user

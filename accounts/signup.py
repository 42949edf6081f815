"""Sign-up through the web form: the account, the member's acknowledgement of the terms
and the privacy notice (which version, when), and the verification mail, in one
transaction. The GDPR Art. 13 information is given at collection: the privacy notice is
shown and acknowledged before the account exists."""

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import TermsAcknowledgement, User
from accounts.preferences import is_supported_language, language_for
from accounts.services import user_signup
from accounts.terms import TERMS_VERSION
from accounts.verification import email_verification_send
from core.errors import ServiceError
from core.events import event_record


def member_signup(
    *, username: str, email: str, password: str, terms_version: str, language: str
) -> User:
    if terms_version != TERMS_VERSION:
        raise ServiceError(
            _("Please read the terms of service and the privacy notice and tick the box.")
        )
    with transaction.atomic():
        user = user_signup(username=username, email=email, password=password)
        user.email_unverified = True
        _keep_language(user, language)
        user.save(update_fields=["email_unverified", "language"])
        TermsAcknowledgement.objects.create(user=user, version=terms_version)
        event_record(
            kind="account.terms_acknowledged",
            actor=user,
            subject=user,
            data={"version": terms_version},
        )
        email_verification_send(user=user, language=language)
    return user


def _keep_language(user: User, language: str) -> None:
    """The language of the sign-up page becomes the member's saved language when the
    instance default would write to them in another one: their statements of reasons and
    other mail, sent when they are not looking, then reach them in the language they
    signed up in (issue 15). They can change it in their settings."""
    if is_supported_language(language) and language != language_for(user):
        user.language = language

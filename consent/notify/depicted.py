"""Emails about depicted-person requests: to the photo's owner and staff when a request
arrives, to the requester when it is decided. Sent after commit, one message each, each in
its reader's language: the owner's saved one (accounts.preferences.language_for), the
instance's for staff, and for the requester (often no member) the language the request
was made in."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from accounts.preferences import is_supported_language, language_for
from accounts.selectors import staff_emails
from core.mail import mail_after_commit
from notifications.services import notify_mail_copy


def _send(to: list[str], template: str, context: dict, language: str) -> None:
    with translation.override(language):
        mail_after_commit(to=to, template=f"consent/lookup/email/{template}", context=context)
        notify_mail_copy(
            to=to,
            template=f"consent/lookup/email/{template}",
            context=context,
            url=_page_of(template, context),
        )


def _page_of(template: str, context: dict) -> str:
    """Where the in-app copy leads: the photo for its owner, the request for staff."""
    if template == "depicted_staff":
        return reverse("depicted_detail", args=[context["request"].pk])
    if template == "depicted_owner":
        return reverse("photo", args=[context["request"].photo_id])
    return reverse("home")


def _requester_language(request) -> str:
    return request.language if is_supported_language(request.language) else settings.LANGUAGE_CODE


def notify_received(request) -> None:
    owner = request.photo.owner
    _send([owner.email], "depicted_owner", {"request": request}, language_for(owner))
    _send(staff_emails(), "depicted_staff", {"request": request}, settings.LANGUAGE_CODE)
    _send([request.email], "depicted_receipt", {"request": request}, _requester_language(request))


def notify_decided(request) -> None:
    _send([request.email], "depicted_outcome", {"request": request}, _requester_language(request))

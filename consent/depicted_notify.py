"""Emails about depicted-person requests: to the photo's owner and staff when a request
arrives, to the requester when it is decided. Sent after commit, one message each."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.template.loader import render_to_string

from accounts.models import User


def _send(to: list[str], template: str, context: dict) -> None:
    recipients = sorted({address for address in to if address})
    if not recipients:
        return
    context = {**context, "site_url": getattr(settings, "SITE_URL", "")}
    subject = render_to_string(f"consent/lookup/email/{template}_subject.txt", context).strip()
    body = render_to_string(f"consent/lookup/email/{template}.txt", context)
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [to]) for to in recipients]
    transaction.on_commit(lambda: send_mass_mail(messages))


def _staff_emails() -> list[str]:
    staff = User.objects.filter(role__in=[User.Role.MODERATOR, User.Role.ADMIN], is_active=True)
    return list(staff.exclude(email="").values_list("email", flat=True))


def notify_received(request) -> None:
    _send([request.photo.owner.email], "depicted_owner", {"request": request})
    _send(_staff_emails(), "depicted_staff", {"request": request})
    _send([request.email], "depicted_receipt", {"request": request})


def notify_decided(request) -> None:
    _send([request.email], "depicted_outcome", {"request": request})

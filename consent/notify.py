"""Email to licensees and staff about deletion notices. Sent after commit, one message per
recipient, like moderation/services/notify.py."""

from django.conf import settings
from django.core import signing
from django.core.mail import send_mass_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.models import User

ACK_SALT = "consent.deletion-notice.ack"


def send_after_commit(*, to: list[str], template: str, context: dict) -> None:
    recipients = [address for address in to if address]
    if not recipients:
        return
    context = {**context, "site_url": settings.SITE_URL}
    subject = render_to_string(f"consent/email/{template}_subject.txt", context).strip()
    body = render_to_string(f"consent/email/{template}.txt", context)
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [to]) for to in recipients]
    transaction.on_commit(lambda: send_mass_mail(messages))


def staff_emails() -> list[str]:
    staff = User.objects.filter(role__in=[User.Role.MODERATOR, User.Role.ADMIN], is_active=True)
    return [email for email in staff.values_list("email", flat=True) if email]


def ack_token(notice_id: int) -> str:
    """A capability for the acknowledgement page, mailed only to the licensee's contact."""
    return signing.dumps(notice_id, salt=ACK_SALT)


def notice_from_ack_token(token: str) -> int | None:
    try:
        return int(signing.loads(token, salt=ACK_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return None


def ack_url(notice_id: int) -> str:
    return settings.SITE_URL + reverse("deletion_notice_ack", args=[ack_token(notice_id)])

"""Messages to notifiers, affected users and moderators. Sent after commit, so a rolled-back
decision never mails anyone; one message per recipient, so no one sees another's address."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.template.loader import render_to_string

from accounts.models import User


def send_after_commit(*, to: list[str], template: str, context: dict) -> None:
    recipients = [address for address in to if address]
    if not recipients:
        return
    context = {**context, "site_url": settings.SITE_URL, "ods_url": settings.CANDID_ODS_BODIES_URL}
    subject = render_to_string(f"moderation/email/{template}_subject.txt", context).strip()
    body = render_to_string(f"moderation/email/{template}.txt", context)
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [to]) for to in recipients]
    transaction.on_commit(lambda: send_mass_mail(messages))


def moderator_emails(*, exclude: User | None = None) -> list[str]:
    staff = User.objects.filter(role__in=[User.Role.MODERATOR, User.Role.ADMIN], is_active=True)
    if exclude is not None:
        staff = staff.exclude(pk=exclude.pk)
    return [email for email in staff.values_list("email", flat=True) if email]

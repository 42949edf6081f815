"""Messages to notifiers, affected users and moderators. Sent after commit, so a rolled-back
decision never mails anyone; one message per recipient, so no one sees another's address."""

from django.conf import settings

from accounts.models import User
from accounts.selectors import staff_emails
from core.mail import mail_after_commit


def send_after_commit(*, to: list[str], template: str, context: dict) -> None:
    context = {**context, "ods_url": settings.CANDID_ODS_BODIES_URL}
    mail_after_commit(to=to, template=f"moderation/email/{template}", context=context)


def moderator_emails(*, exclude: User | None = None) -> list[str]:
    return staff_emails(exclude=exclude)

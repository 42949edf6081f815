"""Telling members that a block of another server ended their follows there (issue #20):
which servers and why, in the member's language. In the app as a notice linking to the
list of moderated servers; by e-mail as the member chose for follows (at once, in the
daily digest, or not), since it is about their followers and follows."""

from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from accounts.preferences import language_for
from core.mail import mail_record
from notifications.badge import badge_changed
from notifications.kinds import Email, Kind
from notifications.mailing import mail_footer
from notifications.models import Notification
from notifications.selectors import email_choice
from notifications.unsubscribe import PURPOSE_PREFIX

TEMPLATE = "notifications/email/server_block"
MAX_TITLE = 300


@dataclass(order=True)
class ServerLoss:
    domain: str
    reason: str = ""
    followers: int = 0
    follows: int = 0


def notify_server_block(*, recipient_id: int, servers: list[ServerLoss]) -> Notification | None:
    """Call inside the transaction that ended the follows."""
    recipient = User.objects.filter(pk=recipient_id, is_active=True).first()
    if recipient is None or not servers:
        return None
    url = reverse("moderated_servers")
    choice = email_choice(recipient, Kind.FOLLOW)
    mailed = choice == Email.IMMEDIATE and bool(recipient.email) and not recipient.email_unverified
    with translation.override(language_for(recipient)):
        title = _title(servers)
        notification = Notification.objects.create(
            recipient=recipient,
            kind=Kind.MODERATION,
            title=title,
            url=url,
            mail=_mail_state(choice, mailed),
            mailed_at=timezone.now() if mailed else None,
        )
        if mailed:
            _mail(recipient, notification, servers)
    badge_changed([recipient.pk])
    return notification


def _title(servers: list[ServerLoss]) -> str:
    if len(servers) == 1:
        title = _(
            "Candid blocked the server %(server)s (“%(reason)s”): your follows with it have ended."
        ) % {"server": servers[0].domain, "reason": servers[0].reason}
    else:
        title = ngettext(
            "Candid blocked %(count)s server you were connected with: your follows there have "
            "ended. The reasons are on the list of moderated servers.",
            "Candid blocked %(count)s servers you were connected with: your follows there have "
            "ended. The reasons are on the list of moderated servers.",
            len(servers),
        ) % {"count": len(servers)}
    return title if len(title) <= MAX_TITLE else title[: MAX_TITLE - 1] + "…"


def _mail_state(choice: str, mailed: bool) -> str:
    if mailed:
        return Notification.Mail.IMMEDIATE
    return Notification.Mail.DIGEST if choice == Email.DIGEST else Notification.Mail.NONE


def _mail(recipient: User, notification: Notification, servers: list[ServerLoss]) -> None:
    context = {
        "servers": servers,
        "link": settings.SITE_URL + notification.url,
        "kind": Kind(Kind.FOLLOW).label,
        **mail_footer(recipient, Kind.FOLLOW),
    }
    mail_record(
        to=[recipient.email],
        subject=render_to_string(f"{TEMPLATE}_subject.txt", context).strip(),
        body=render_to_string(f"{TEMPLATE}.txt", context),
        purpose=f"{PURPOSE_PREFIX}{Kind.FOLLOW}",
        about=f"notifications.notification:{notification.pk}",
    )

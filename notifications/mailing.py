"""Notification mail: one message at once, or the daily digest. Both are recorded through
core.mail (sent by the worker, never in the request), in the member's language
(accounts.preferences.language_for), each with a one-click unsubscribe link and headers
(notifications.unsubscribe).

The digest: a member's digest is due at DIGEST_HOUR in their time zone; it holds what
was waiting for it from before that hour and is still unread (what the member already
saw on the site is not mailed again) and still visible to them. The worker's scheduler
runs `manage.py notifications_digest` every hour (core/scheduler.py), so each member gets
at most one digest a day, soon after the hour, whatever their time zone."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from accounts.models import User
from accounts.preferences import language_for, time_zone_for
from core.mail import mail_record
from notifications.kinds import Kind
from notifications.models import Notification
from notifications.selectors import notifications_for
from notifications.texts import path_of, sentence
from notifications.unsubscribe import DIGEST, PURPOSE_PREFIX, unsubscribe_url

DIGEST_HOUR = 8


def mail_now(notification: Notification) -> None:
    """The message for one notification, recorded in the caller's transaction."""
    user = notification.recipient
    with translation.override(language_for(user)):
        context = {
            "sentence": sentence(notification),
            "link": settings.SITE_URL + path_of(notification),
            "kind": Kind(notification.kind).label,
            **mail_footer(user, notification.kind),
        }
        subject = render_to_string("notifications/email/immediate_subject.txt", context)
        body = render_to_string("notifications/email/immediate.txt", context)
    mail_record(
        to=[user.email],
        subject=subject.strip(),
        body=body,
        purpose=f"{PURPOSE_PREFIX}{notification.kind}",
        about=f"notifications.notification:{notification.pk}",
    )


def digests_send_due(*, now: datetime | None = None) -> int:
    """Sends every digest that is due; returns how many were sent."""
    now = now or timezone.now()
    waiting = Notification.objects.filter(mail=Notification.Mail.DIGEST, mailed_at=None)
    ids = set(waiting.values_list("recipient_id", flat=True).order_by())
    return sum(digest_send(user=user, now=now) for user in User.objects.filter(pk__in=ids))


def digest_cutoff(user: User, now: datetime) -> datetime:
    """The last DIGEST_HOUR in the member's time zone at or before `now`."""
    local = now.astimezone(ZoneInfo(time_zone_for(user)))
    cutoff = local.replace(hour=DIGEST_HOUR, minute=0, second=0, microsecond=0)
    return cutoff if cutoff <= local else cutoff - timedelta(days=1)


def digest_send(*, user: User, now: datetime) -> bool:
    """The member's digest of what waited for it until the last digest hour."""
    cutoff = digest_cutoff(user, now)
    with transaction.atomic():
        waiting = Notification.objects.select_for_update().filter(
            recipient=user, mail=Notification.Mail.DIGEST, mailed_at=None, created_at__lt=cutoff
        )
        ids = list(waiting.values_list("pk", flat=True))
        if not ids:
            return False
        Notification.objects.filter(pk__in=ids).update(mailed_at=now)
        shown = list(notifications_for(user).filter(pk__in=ids, read_at=None).order_by("id"))
        if not shown or not user.email or user.email_unverified or not user.is_active:
            return False
        _digest_record(user, shown, cutoff)
    return True


def digest_groups(notifications: list[Notification]) -> list[dict]:
    """One group per kind, in the order of the kinds, each item with its sentence and link."""
    groups = []
    for kind in Kind:
        items = [n for n in notifications if n.kind == kind]
        if items:
            lines = [
                {"sentence": sentence(n), "link": settings.SITE_URL + path_of(n)} for n in items
            ]
            groups.append({"kind": kind.label, "count": len(items), "items": lines})
    return groups


def _digest_record(user: User, shown: list[Notification], cutoff: datetime) -> None:
    with translation.override(language_for(user)):
        count = len(shown)
        context = {
            "groups": digest_groups(shown),
            "count": count,
            "summary": ngettext(
                "%(count)s new notification on Candid",
                "%(count)s new notifications on Candid",
                count,
            )
            % {"count": count},
            "page_url": settings.SITE_URL + reverse("notifications"),
            **mail_footer(user, DIGEST),
        }
        subject = render_to_string("notifications/email/digest_subject.txt", context)
        body = render_to_string("notifications/email/digest.txt", context)
    mail_record(
        to=[user.email],
        subject=subject.strip(),
        body=body,
        purpose=f"{PURPOSE_PREFIX}digest",
        about=f"notifications.digest:{user.pk}:{cutoff.isoformat()}",
    )


def mail_footer(user: User, scope: str) -> dict:
    """The links every notification mail ends with: the member's settings and a one-click
    unsubscribe from `scope` (RFC 8058)."""
    return {
        "settings_url": settings.SITE_URL + reverse("notification_settings"),
        "unsubscribe_url": unsubscribe_url(user_id=user.pk, scope=scope),
    }

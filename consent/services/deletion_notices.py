"""Acknowledging, reminding and escalating deletion notices.

A licensee acknowledges through the API (its token) or the page its email links to (a
signed link). An open notice is reminded every CANDID_DELETION_REMINDER_DAYS days (default
7); after CANDID_DELETION_REMINDERS (default 2) reminders it is escalated to staff, who
follow up under the licence agreement."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.selectors import staff_emails
from consent.models import DeletionNotice, Licensee
from consent.notify.deletion_notices import ack_url, send_after_commit
from consent.states.releases import DELETION_NOTICE
from core.errors import PermissionDenied, ServiceError
from core.events import event_record

OPEN = ("sent", "reminded")


def reminder_days() -> int:
    return int(getattr(settings, "CANDID_DELETION_REMINDER_DAYS", 7))


def reminders_before_escalation() -> int:
    return int(getattr(settings, "CANDID_DELETION_REMINDERS", 2))


def deletion_notice_acknowledge(
    *, licensee: Licensee | None, notice: DeletionNotice, via: str
) -> DeletionNotice:
    """`licensee` is the API caller; None for the signed page link, which is the
    capability itself. A notice addressed to another licensee is refused, unchanged."""
    if licensee is not None and notice.licensee_id != licensee.pk:
        raise PermissionDenied(
            _(
                "That deletion notice was sent to another licensee; you can acknowledge only "
                "your own notices (GET /api/v1/licensee/deletion-notices lists them)."
            )
        )
    with transaction.atomic():
        current = DeletionNotice.objects.select_for_update().get(pk=notice.pk)
        if current.state == "acknowledged":
            when = formats.date_format(current.acknowledged_at, "DATETIME_FORMAT")
            raise ServiceError(
                _("This deletion notice was already acknowledged on %(when)s.") % {"when": when}
            )
        DELETION_NOTICE.check(current.state, "acknowledged")
        notice.state, notice.acknowledged_at = "acknowledged", timezone.now()
        notice.acknowledged_via = via
        notice.save(update_fields=["state", "acknowledged_at", "acknowledged_via"])
        event_record(
            kind="deletion_notice.acknowledged",
            subject=notice,
            data={"licensee": notice.licensee_id, "via": via},
        )
    return notice


def deletion_notices_remind(*, now=None) -> dict[str, int]:
    """Reminds or escalates every open notice whose last contact is older than the
    reminder interval. Run regularly by `manage.py deletion_reminders`."""
    now = now or timezone.now()
    due = now - timedelta(days=reminder_days())
    stale = DeletionNotice.objects.filter(state__in=OPEN).filter(
        Q(last_reminded_at__isnull=True, sent_at__lte=due) | Q(last_reminded_at__lte=due)
    )
    counts = {"reminded": 0, "escalated": 0}
    for notice_id in list(stale.values_list("pk", flat=True)):
        counts[_remind_one(notice_id, now)] += 1
    return counts


def _remind_one(notice_id: int, now) -> str:
    with transaction.atomic():
        notice = (
            DeletionNotice.objects.select_for_update()
            .select_related("licensee", "release__dataset")
            .get(pk=notice_id)
        )
        target = "reminded" if notice.reminders < reminders_before_escalation() else "escalated"
        DELETION_NOTICE.check(notice.state, target)
        notice.state = target
        if target == "reminded":
            notice.reminders += 1
            notice.last_reminded_at = now
        else:
            notice.escalated_at = now
        notice.save(update_fields=["state", "reminders", "last_reminded_at", "escalated_at"])
        event_record(
            kind=f"deletion_notice.{target}",
            subject=notice,
            data={"licensee": notice.licensee_id, "reminders": notice.reminders},
        )
        context = {"notice": notice, "licensee": notice.licensee, "release": notice.release}
        if target == "reminded":
            context["ack_url"] = ack_url(notice.pk)
            send_after_commit(
                to=[notice.licensee.contact_email], template="deletion_reminder", context=context
            )
        else:
            send_after_commit(to=staff_emails(), template="deletion_escalated", context=context)
    return target

"""Federation's periodic upkeep (core/scheduler.py runs it every minute in the worker)."""

from datetime import timedelta

from django.utils import timezone

from federation.delivery import deliveries_due_enqueue
from federation.freshness import stale_followed_enqueue
from federation.inbox_journal import orphans_move
from federation.models import Delivery, InboxMessage, NodeStats
from federation.nodeinfo import node_stats_count
from federation.processing import inbox_stale_enqueue
from federation.selectors import federation_enabled
from federation.sync import events_follow

# Received activities are kept this long after processing (to trace a peer's complaint),
# sent ones this long after delivery; then they are deleted (except those carrying out a
# moderation decision: the case keeps them as its record).
INBOX_KEPT = timedelta(days=30)
DELIVERIES_KEPT = timedelta(days=7)
COUNT_EVERY = timedelta(hours=1)


def inbox_prune(received_before) -> int:
    """Deletes the messages tried and received before the cutoff. received_at has no
    index (it would cost every intake), but ids follow arrival: the first message since
    the cutoff bounds the old ones by id, and finding it reads only those older."""
    old = InboxMessage.objects.exclude(state=InboxMessage.State.RECEIVED).filter(
        received_at__lt=received_before
    )
    since = InboxMessage.objects.filter(received_at__gte=received_before).order_by("pk")
    first_since = since.values_list("pk", flat=True).first()
    if first_since is not None:
        old = old.filter(pk__lt=first_since)
    return old.delete()[0]


def federation_upkeep() -> dict:
    now = timezone.now()
    pruned_inbox = inbox_prune(now - INBOX_KEPT)
    pruned_deliveries, _ = (
        Delivery.objects.exclude(state=Delivery.State.PENDING)
        .filter(created_at__lt=now - DELIVERIES_KEPT, case_id__isnull=True)
        .delete()
    )
    stats = NodeStats.objects.filter(pk=1).first()
    if federation_enabled() and (stats is None or stats.counted_at < now - COUNT_EVERY):
        stats = node_stats_count()
    return {
        "events_read": events_follow() if federation_enabled() else 0,
        "deliveries_queued": deliveries_due_enqueue(),
        "actors_refresh_queued": stale_followed_enqueue() if federation_enabled() else 0,
        "journals_moved": orphans_move(),
        "inbox_requeued": inbox_stale_enqueue(),
        "inbox_pruned": pruned_inbox,
        "deliveries_pruned": pruned_deliveries,
        "users_total": stats.users_total if stats else None,
    }

"""Processing a stored inbox message, in the worker. Each activity type has a handler;
a type Candid does not act on is kept as ignored, with why. Idempotent: a message is
processed once, even when its task runs twice. A handler that fails leaves the message
to the upkeep to try again, MAX_ATTEMPTS times in all, then it is kept as failed.

The table is the queue: intake stores a message (or its journal moves a batch) and, with
a worker, queues one drain per DRAIN_WINDOW per process instead of a task per message
(inbox_store.py); the drain processes every message not yet tried, oldest first."""

import logging
from collections.abc import Callable
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from core.tasks import task_enqueue
from federation.domains import blocked, domain_of
from federation.models import InboxMessage, RemoteActor
from federation.standing import remote_actor_shown

Handler = Callable[[InboxMessage], str]
HANDLERS: dict[str, Handler] = {}
MAX_ATTEMPTS = 5
PROCESS_TASK = "federation.tasks.inbox_process_task"
DRAIN_TASK = "federation.tasks.inbox_drain_task"
DRAIN_BATCH = 200
log = logging.getLogger("candid.federation")
STALE = timedelta(minutes=5)


def handles(*types: str):
    def register(handler: Handler) -> Handler:
        for name in types:
            HANDLERS[name] = handler
        return handler

    return register


def inbox_message_process(message_id: int) -> str:
    try:
        return _process(message_id)
    except Exception as error:
        _failed_try(message_id, error)
        raise


@transaction.atomic
def _process(message_id: int) -> str:
    """A message another drain holds is skipped, not waited for: drains running side by
    side on a backlog share it out instead of taking it in the same order in lockstep."""
    message = (
        InboxMessage.objects.select_for_update(skip_locked=True)
        .filter(pk=message_id, state=InboxMessage.State.RECEIVED)
        .first()
    )
    if message is None:
        return "already processed, or being processed by another drain"
    handler = HANDLERS.get(message.activity_type)
    message.attempts += 1
    if blocked(domain_of(message.actor_uri)):  # blocked after intake let it in
        message.state = InboxMessage.State.IGNORED
        message.outcome = "from a blocked server"
    elif _suspended_here(message.actor_uri):
        message.state = InboxMessage.State.IGNORED
        message.outcome = "not accepted: the account is suspended here by a moderation decision"
    elif handler is None:
        message.state = InboxMessage.State.IGNORED
        message.outcome = "not an activity Candid acts on"
    else:
        message.outcome = handler(message)[:300]
        message.state = InboxMessage.State.PROCESSED
    message.processed_at = timezone.now()
    message.save(update_fields=["attempts", "state", "outcome", "processed_at"])
    return message.outcome


def inbox_drain() -> int:
    """Process each message not yet tried, oldest first, once in this drain (a failed one
    is left to the upkeep's retries). Drains running side by side are safe: _process
    locks each message and skips one already processed or held by another drain."""
    tried, after = 0, 0
    while True:
        batch = list(
            InboxMessage.objects.filter(state=InboxMessage.State.RECEIVED, attempts=0, pk__gt=after)
            .order_by("pk")
            .values_list("pk", flat=True)[:DRAIN_BATCH]
        )
        if not batch:
            return tried
        for message_id in batch:
            try:
                inbox_message_process(message_id)
            except Exception:
                log.exception("inbox message %s failed; the upkeep tries it again", message_id)
        tried += len(batch)
        after = batch[-1]


def _suspended_here(actor_uri: str) -> bool:
    actor = RemoteActor.objects.filter(uri=actor_uri).first()
    return actor is not None and not remote_actor_shown(actor)


def _failed_try(message_id: int, error: Exception) -> None:
    message = InboxMessage.objects.filter(pk=message_id).first()
    if message is None:
        return
    message.attempts += 1
    message.outcome = f"{error.__class__.__name__}: {error}"[:300]
    if message.attempts >= MAX_ATTEMPTS:
        message.state = InboxMessage.State.FAILED
    message.save(update_fields=["attempts", "outcome", "state"])


def inbox_stale_enqueue(limit: int = 1000) -> int:
    """Upkeep: messages left unprocessed for STALE are queued again; returns the tasks
    queued. Those never tried (their drain was lost with a killed worker) go to one
    drain, however many they are; each whose try failed gets a task for its next try."""
    stale = InboxMessage.objects.filter(
        state=InboxMessage.State.RECEIVED, received_at__lt=timezone.now() - STALE
    )
    queued = 0
    if stale.filter(attempts=0).exists():
        task_enqueue(DRAIN_TASK)
        queued += 1
    for pk in stale.filter(attempts__gt=0).values_list("pk", flat=True)[:limit]:
        task_enqueue(PROCESS_TASK, pk)
        queued += 1
    return queued

"""Processing a stored inbox message, in the worker. Each activity type has a handler;
a type Candid does not act on is kept as ignored, with why. Idempotent: a message is
processed once, even when its task runs twice."""

from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from federation.models import InboxMessage

Handler = Callable[[InboxMessage], str]
HANDLERS: dict[str, Handler] = {}


def handles(*types: str):
    def register(handler: Handler) -> Handler:
        for name in types:
            HANDLERS[name] = handler
        return handler

    return register


def inbox_message_process(message_id: int) -> str:
    with transaction.atomic():
        message = (
            InboxMessage.objects.select_for_update()
            .filter(pk=message_id, state=InboxMessage.State.RECEIVED)
            .first()
        )
        if message is None:
            return "already processed"
        handler = HANDLERS.get(message.activity_type)
        message.attempts += 1
        if handler is None:
            message.state, message.outcome = (
                InboxMessage.State.IGNORED,
                "not an activity Candid acts on",
            )
        else:
            message.outcome = handler(message)[:300]
            message.state = InboxMessage.State.PROCESSED
        message.processed_at = timezone.now()
        message.save(update_fields=["attempts", "state", "outcome", "processed_at"])
    return message.outcome

"""The one way to append to the event log. Call it inside the service's transaction."""

from typing import Any

from django.db import models, transaction
from django.utils import timezone

from core import chain
from core.models import ChainHead, Event
from core.pagecache import content_changed


def event_record(
    *,
    kind: str,
    actor: Any = None,
    subject: models.Model | None = None,
    data: dict | None = None,
    private: dict | None = None,
) -> Event:
    """`data` must hold no personal data: for moderation events it is published in the
    hash-chained public log. Names, emails and free text go in `private`."""
    event = Event(
        kind=kind,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        subject_type=subject._meta.label_lower if subject is not None else "",
        subject_id=subject.pk if subject is not None else None,
        data=data or {},
        private=private or {},
        created_at=timezone.now(),
    )
    if chain.is_chained(kind):
        _link(event)
    event.save()
    transaction.on_commit(content_changed)
    return event


def _link(event: Event) -> None:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Moderation events are appended inside the service's transaction.")
    head, _ = ChainHead.objects.select_for_update().get_or_create(pk=1)
    event.chain_seq = head.seq + 1
    event.prev_hash = head.hash
    event.hash = chain.link_hash(head.hash, public_form(event))
    head.seq, head.hash, head.updated_at = event.chain_seq, event.hash, event.created_at
    head.save()


def public_form(event: Event) -> dict:
    """Normalises `data` through JSON first, so the hash covers what the database returns."""
    import json

    return chain.public_form(
        seq=event.chain_seq,
        kind=event.kind,
        created_at=event.created_at,
        subject_type=event.subject_type,
        subject_id=event.subject_id,
        data=json.loads(json.dumps(event.data)),
    )

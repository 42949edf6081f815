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
        _append_linked(event)
    else:
        event.save()
    transaction.on_commit(content_changed)
    return event


# PostgreSQL: lock the head, then insert the event and move the head in one statement.
_LOCK_HEAD = "SELECT seq, hash FROM core_chainhead WHERE id = 1 FOR UPDATE"
_INSERT_AND_MOVE_HEAD = (
    "WITH e AS (INSERT INTO core_event (kind, actor_id, subject_type, subject_id, data, "
    "private, created_at, chain_seq, prev_hash, hash, public) "
    "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) "
    "RETURNING id, chain_seq, hash, created_at) "
    "UPDATE core_chainhead SET seq = e.chain_seq, hash = e.hash, updated_at = e.created_at "
    "FROM e WHERE core_chainhead.id = 1 RETURNING e.id"
)


def _append_linked(event: Event) -> None:
    """Appends a chained event under the head's row lock. On PostgreSQL that is two
    statements instead of the ORM's three (lock, insert, update head), which keeps an
    append within ~2x of a bare INSERT (bench/transparency.py); other databases, or a
    log without a head row yet, take the ORM path."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("Moderation events are appended inside the service's transaction.")
    if connection.vendor != "postgresql":
        _link(event)
        event.save()
        return
    with connection.cursor() as cursor:
        cursor.execute(_LOCK_HEAD)
        head = cursor.fetchone()
        if head is None:
            _link(event)
            event.save()
            return
        _set_link(event, *head)
        cursor.execute(_INSERT_AND_MOVE_HEAD, _insert_params(event, connection))
        event.pk = cursor.fetchone()[0]
    event._state.adding, event._state.db = False, connection.alias


def _insert_params(event: Event, connection) -> list:
    names = ("kind", "actor", "subject_type", "subject_id", "data", "private", "created_at")
    names += ("chain_seq", "prev_hash", "hash", "public")
    fields = [Event._meta.get_field(name) for name in names]
    return [f.get_db_prep_save(getattr(event, f.attname), connection) for f in fields]


def _set_link(event: Event, seq: int, prev_hash: str) -> None:
    event.chain_seq = seq + 1
    event.prev_hash = prev_hash
    canonical = chain.canonical_bytes(public_form(event))
    event.public = canonical.decode()
    event.hash = chain.link_hash_of(prev_hash, canonical)


def _link(event: Event) -> None:
    head, _ = ChainHead.objects.select_for_update().get_or_create(pk=1)
    _set_link(event, head.seq, head.hash)
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

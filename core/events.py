"""The one way to append to the event log. Call it inside the service's transaction."""

import json
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from core import chain
from core.faults import pause_point
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
    record = {"kind": kind, "actor": actor, "subject": subject, "data": data, "private": private}
    return events_record([record])[0]


def events_record(records: Sequence[Mapping[str, Any]]) -> list[Event]:
    """Appends several events in this order, each mapping holding `event_record`'s
    arguments. The chained ones share one lock of the chain head (on PostgreSQL one
    statement for all of them): a notice that opens a case logs both in one go."""
    events = [_event(**record) for record in records]
    chained = [event for event in events if chain.is_chained(event.kind)]
    Event.objects.bulk_create([e for e in events if not chain.is_chained(e.kind)], batch_size=500)
    if chained:
        _append_linked(chained)
    transaction.on_commit(content_changed)
    for event in events:
        pause_point(f"event:{event.kind}")
    return events


def events_scrub_private(subject_type: str, ids: list[int], *, chunk: int = 1000) -> int:
    """Erasure (GDPR Art. 17): blanks only `private` of the events about these subjects;
    `data` and the chain links stay exactly as they were, so the log still verifies."""
    scrubbed = 0
    for start in range(0, len(ids), chunk):
        events = Event.objects.filter(
            subject_type=subject_type, subject_id__in=ids[start : start + chunk]
        )
        scrubbed += events.exclude(private={}).update(private={})
    return scrubbed


def _event(*, kind: str, actor=None, subject=None, data=None, private=None) -> Event:
    return Event(
        kind=kind,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        subject_type=subject._meta.label_lower if subject is not None else "",
        subject_id=subject.pk if subject is not None else None,
        data=data or {},
        private=private or {},
        created_at=timezone.now(),
    )


_COLUMNS = (
    "kind",
    "actor",
    "subject_type",
    "subject_id",
    "data",
    "private",
    "created_at",
    "chain_seq",
    "prev_hash",
    "hash",
    "public",
)
# PostgreSQL: lock the head, then insert the events and move the head in one statement.
_LOCK_HEAD = "SELECT seq, hash FROM core_chainhead WHERE id = 1 FOR UPDATE"
_INSERT_AND_MOVE_HEAD = (
    "WITH e AS (INSERT INTO core_event ({columns}) VALUES {rows} "
    "RETURNING id, chain_seq, hash, created_at), "
    "h AS (UPDATE core_chainhead SET seq = last.chain_seq, hash = last.hash, "
    "updated_at = last.created_at FROM (SELECT * FROM e ORDER BY chain_seq DESC LIMIT 1) "
    "AS last WHERE core_chainhead.id = 1) "
    "SELECT id FROM e ORDER BY chain_seq"
)


def _append_linked(events: list[Event]) -> None:
    """Appends chained events under the head's row lock. On PostgreSQL that is two
    statements whatever their number, instead of the ORM's lock, one insert each and the
    head's update, which keeps an append within ~2x of a bare INSERT
    (bench/transparency.py); other databases, or a log without a head row yet, take the
    ORM path."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("Moderation events are appended inside the service's transaction.")
    if connection.vendor != "postgresql":
        _link_and_save(events)
        return
    with connection.cursor() as cursor:
        cursor.execute(_LOCK_HEAD)
        head = cursor.fetchone()
        if head is None:
            _link_and_save(events)
            return
        seq, prev_hash = head
        for event in events:
            _set_link(event, seq, prev_hash)
            seq, prev_hash = event.chain_seq, event.hash
        cursor.execute(*_insert(events, connection))
        for event, (pk,) in zip(events, cursor.fetchall(), strict=True):
            event.pk = pk
            event._state.adding, event._state.db = False, connection.alias


def _insert(events: list[Event], connection) -> tuple[str, list]:
    fields = [Event._meta.get_field(name) for name in _COLUMNS]
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    sql = _INSERT_AND_MOVE_HEAD.format(
        columns=", ".join(field.column for field in fields),
        rows=", ".join([row] * len(events)),
    )
    params = [
        field.get_db_prep_save(getattr(event, field.attname), connection)
        for event in events
        for field in fields
    ]
    return sql, params


def _set_link(event: Event, seq: int, prev_hash: str) -> None:
    event.chain_seq = seq + 1
    event.prev_hash = prev_hash
    canonical = chain.canonical_bytes(public_form(event))
    event.public = canonical.decode()
    event.hash = chain.link_hash_of(prev_hash, canonical)


def _link_and_save(events: list[Event]) -> None:
    head, _ = ChainHead.objects.select_for_update().get_or_create(pk=1)
    for event in events:
        _set_link(event, head.seq, head.hash)
        event.save()
        head.seq, head.hash, head.updated_at = event.chain_seq, event.hash, event.created_at
    head.save()


def public_form(event: Event) -> dict:
    """Normalises `data` through JSON first, so the hash covers what the database returns."""
    return chain.public_form(
        seq=event.chain_seq,
        kind=event.kind,
        created_at=event.created_at,
        subject_type=event.subject_type,
        subject_id=event.subject_id,
        data=json.loads(json.dumps(event.data)),
    )

"""Reads of the public, hash-chained moderation event log."""

from collections.abc import Iterator

from core import chain
from core.chain import verify
from core.events import public_form
from core.models import ChainHead, Event


def chain_head() -> ChainHead:
    return ChainHead.objects.filter(pk=1).first() or ChainHead(seq=0)


LOG_FIELDS = (
    "chain_seq",
    "kind",
    "created_at",
    "subject_type",
    "subject_id",
    "data",
    "prev_hash",
    "hash",
)


def public_log(*, batch: int = 5000) -> Iterator[dict]:
    """Every chained event's public form with its links, in order, in constant memory.

    Plain tuples rather than model instances, and `data` as the database returned it
    (core.events.public_form's JSON round trip matters before a save, not after a read):
    this is the hot loop of verify_event_log (bench/transparency.py)."""
    last = 0
    while True:
        rows = list(
            Event.objects.filter(chain_seq__gt=last)
            .order_by("chain_seq")
            .values_list(*LOG_FIELDS)[:batch]
        )
        if not rows:
            return
        for seq, kind, created_at, subject_type, subject_id, data, prev_hash, link in rows:
            form = chain.public_form(
                seq=seq,
                kind=kind,
                created_at=created_at,
                subject_type=subject_type,
                subject_id=subject_id,
                data=data,
            )
            yield {**form, "prev_hash": prev_hash, "hash": link}
        last = rows[-1][0]


def verify_stored_log():
    verdict = verify(public_log())
    head = chain_head()
    if verdict.ok and (verdict.head_seq, verdict.head_hash) != (head.seq, head.hash):
        verdict.ok = False
        verdict.at_seq = verdict.head_seq + 1
        verdict.problem = (
            f"the log ends at #{verdict.head_seq} but the published head is "
            f"#{head.seq}: events at the end were removed"
        )
    return verdict


def public_log_page(*, before: int | None = None, limit: int = 50) -> list[dict]:
    """The newest chained events before sequence number `before`, newest first, in their
    public form: one page of the public log for people reading it in a browser."""
    events = Event.objects.filter(chain_seq__isnull=False)
    if before is not None:
        events = events.filter(chain_seq__lt=before)
    return [
        {**public_form(event), "prev_hash": event.prev_hash, "hash": event.hash}
        for event in events.order_by("-chain_seq")[:limit]
    ]

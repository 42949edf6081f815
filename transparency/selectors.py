"""Reads of the public, hash-chained moderation event log."""

import hashlib
import json
from collections.abc import Iterator

from django.db import connection

from core import chain, chain_check
from core.chain import GENESIS, Verdict, verify
from core.events import public_form
from core.models import ChainHead, Event


def chain_head() -> ChainHead:
    return ChainHead.objects.filter(pk=1).first() or ChainHead(seq=0)


LINKS = "SELECT chain_seq, {} FROM core_event WHERE chain_seq > %s ORDER BY chain_seq LIMIT %s"


def _links(*, after: int = 0, batch: int = 5000, columns="prev_hash, hash, public"):
    """(seq, *columns) of every chained event after #`after`, in order, in constant
    memory: keyset batches of plain tuples."""
    query = LINKS.format(columns)
    with connection.cursor() as cursor:
        while True:
            cursor.execute(query, [after, batch])
            rows = cursor.fetchall()
            if not rows:
                return
            yield from rows
            after = rows[-1][0]


def public_log_lines() -> Iterator[str]:
    """The public log as JSON Lines (layout in core/chain.py), straight from the stored
    public forms: nothing is re-serialised."""
    for _seq, prev_hash, link, public in _links():
        yield chain.public_line(prev_hash, link, public)


def public_log(*, after: int = 0) -> Iterator[dict]:
    """Every chained event's public form with its links, parsed."""
    for _seq, prev_hash, link, public in _links(after=after):
        yield {**json.loads(public), "prev_hash": prev_hash, "hash": link}


def verify_stored_log() -> Verdict:
    """Recomputes every link from the stored public forms, then makes sure the columns
    say the same (core/chain_check.py), then compares the end with the published head."""
    verdict = _verify_links()
    if verdict.ok and not chain_check.constraint_intact():
        verdict = _verify_columns(verdict)
    head = chain_head()
    if verdict.ok and (verdict.head_seq, verdict.head_hash) != (head.seq, head.hash):
        verdict.ok = False
        verdict.at_seq = verdict.head_seq + 1
        verdict.problem = (
            f"the log ends at #{verdict.head_seq} but the published head is "
            f"#{head.seq}: events at the end were removed"
        )
    return verdict


def _verify_links() -> Verdict:
    """The hot loop of verify_event_log (bench/transparency.py): one SHA-256 per event
    over bytes as stored. At the first link that does not follow, `chain.verify` reads
    on from there and names what is wrong."""
    expected, prev, sha256 = 1, GENESIS, hashlib.sha256
    for seq, link, public in _links(columns="hash, public"):
        if seq != expected or sha256((prev + public).encode()).hexdigest() != link:
            return verify(public_log(after=expected - 1), start_seq=expected, prev=prev)
        expected, prev = expected + 1, link
    return Verdict(True, expected - 1, expected - 1, prev)


def _verify_columns(verdict: Verdict) -> Verdict:
    """Every chained event's columns against its public form, where no database
    constraint guarantees they agree."""
    rows = Event.objects.filter(chain_seq__isnull=False).order_by("chain_seq")
    for event in rows.iterator(chunk_size=2000):
        if chain.canonical_bytes(public_form(event)).decode() != event.public:
            return Verdict(
                False,
                event.chain_seq - 1,
                event.chain_seq - 1,
                "",
                problem="its stored columns differ from its hashed public form: altered",
                at_seq=event.chain_seq,
            )
    verdict.note = "no database constraint holds the columns: each row was compared"
    return verdict


def public_log_page(*, before: int | None = None, limit: int = 50) -> list[dict]:
    """The newest chained events before sequence number `before`, newest first, in their
    public form: one page of the public log for people reading it in a browser."""
    events = Event.objects.filter(chain_seq__isnull=False)
    if before is not None:
        events = events.filter(chain_seq__lt=before)
    return [
        {**json.loads(public), "prev_hash": prev_hash, "hash": link}
        for public, prev_hash, link in events.order_by("-chain_seq").values_list(
            "public", "prev_hash", "hash"
        )[:limit]
    ]

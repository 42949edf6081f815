"""Reads of the public, hash-chained moderation event log, and of the records of
statement-of-reasons submissions to the DSA Transparency Database."""

import json
from collections.abc import Iterator

from django.db import connection
from django.db.models import Count

from core import chain
from core.models import ChainHead, Event
from transparency.models import SorSubmission


def chain_head() -> ChainHead:
    return ChainHead.objects.filter(pk=1).first() or ChainHead(seq=0)


LINKS = (
    "SELECT chain_seq, prev_hash, hash, public FROM core_event "
    "WHERE chain_seq > %s AND chain_seq <= %s ORDER BY chain_seq LIMIT %s"
)
LAST_POSSIBLE = 2**63 - 1


def chain_links(*, after: int = 0, upto: int = LAST_POSSIBLE, batch: int = 5000):
    """(seq, prev_hash, hash, public) of every chained event after #`after` up to
    #`upto`, in order, in constant memory: keyset batches of plain tuples."""
    with connection.cursor() as cursor:
        while True:
            cursor.execute(LINKS, [after, upto, batch])
            rows = cursor.fetchall()
            if not rows:
                return
            yield from rows
            after = rows[-1][0]


def public_log_lines() -> Iterator[str]:
    """The public log as JSON Lines (layout in core/chain.py), straight from the stored
    public forms: nothing is re-serialised."""
    for _seq, prev_hash, link, public in chain_links():
        yield chain.public_line(prev_hash, link, public)


def public_log(*, after: int = 0) -> Iterator[dict]:
    """Every chained event's public form with its links, parsed."""
    for _seq, prev_hash, link, public in chain_links(after=after):
        yield {**json.loads(public), "prev_hash": prev_hash, "hash": link}


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


def sor_submissions(*, outcome: str = "", limit: int = 200) -> list:
    """The newest statement-of-reasons submission records, optionally of one outcome."""
    rows = SorSubmission.objects.all()
    if outcome:
        rows = rows.filter(outcome=outcome)
    return list(rows[:limit])


def sor_submission_counts() -> dict[str, int]:
    """How many statements ended in each outcome, over every attempt."""
    counts = SorSubmission.objects.values("outcome").annotate(n=Count("pk"))
    return {row["outcome"]: row["n"] for row in counts}

"""A half-year of moderation at scale, for bench/transparency.py, written with COPY.

Cases, notices and a VALID hash-chained event log go straight into moderation_case,
moderation_notice and core_event through psycopg's `cursor.copy()` (benchmark data only:
it bypasses the services on purpose, to write a million rows in seconds). Each event's
link is computed here from core.chain.public_form/canonical_bytes, as event_record does,
and core_chainhead is set to the last link.

Every case's story is drawn up front (its notices, decision, statement, notifiers
informed, appeal, out-of-court dispute, misuse measure) over every channel, notifier
type, ground, category, action and outcome, in 2026-H1. Every notice goes into
moderation_notice; the stories of an evenly spread share of the cases go into the log so
that it holds about `events` events: the table and the log are sized independently, as
issue 4 asks for a million of each (a full story is ~3.5 events per notice).
"""

import hashlib
import heapq
import json
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.db import connection, transaction

from bench.logstory import story
from core import chain
from moderation.models import Case, Notice
from moderation.selectors import ruleset_in_force

START = datetime(2026, 1, 1, tzinfo=UTC)
OPEN_SPAN = timedelta(days=170)  # cases open until ~20 June; decisions may follow later
NOTICE_COLUMNS = [f.column for f in Notice._meta.concrete_fields]
CASE_COLUMNS = [f.column for f in Case._meta.concrete_fields]
EVENT_COLUMNS = (
    "kind, actor_id, subject_type, subject_id, data, private, created_at, chain_seq, "
    "prev_hash, hash, public"
)


@dataclass
class Written:
    notices: int = 0
    cases: int = 0
    logged_cases: int = 0
    events: int = 0
    kinds: dict = field(default_factory=dict)
    head_hash: str = chain.GENESIS
    last_at: datetime | None = None
    blobs: list = field(default_factory=list)  # canonical bytes of every link, in order
    fold_seconds: float = 0.0  # set by bench/transparency.py


def generate(*, notices: int, events: int, seed: int = 4) -> Written:
    """COPY the cases, notices and events in one transaction (the foreign keys are
    checked at commit); returns counts and the chain's canonical bytes."""
    rng = random.Random(seed)
    sizes = _case_sizes(notices, rng)
    rules = list(ruleset_in_force().rules.values_list("pk", "code"))
    out = Written()
    with transaction.atomic(), connection.cursor() as wrapper:
        cur = wrapper.cursor
        cases, lines = [], []
        with cur.copy(f"COPY moderation_notice ({', '.join(NOTICE_COLUMNS)}) FROM STDIN") as nc:
            for row in _stories(sizes, rules, rng, events, out, cases, lines):
                nc.write_row(row)
        with cur.copy(f"COPY moderation_case ({', '.join(CASE_COLUMNS)}) FROM STDIN") as cc:
            for row in cases:
                cc.write_row(row)
        with cur.copy(f"COPY core_event ({EVENT_COLUMNS}) FROM STDIN") as ec:
            for start in range(0, len(lines), 10_000):
                ec.write("".join(lines[start : start + 10_000]))
        _finish(cur, out)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return out


def _case_sizes(notices: int, rng: random.Random) -> list[int]:
    """Notices per case (70% one, some two to five) summing to `notices`, and ~3%
    own-initiative cases with none."""
    sizes, total = [], 0
    while total < notices:
        k = min(rng.choice([1] * 14 + [2] * 4 + [3, 5]), notices - total)
        sizes.append(k)
        total += k
        if rng.random() < 0.03:
            sizes.append(0)
    return sizes


def _stories(sizes, rules, rng, budget: int, out: Written, cases: list, lines: list):
    """Yields notice rows; collects case rows; emits the logged stories' events in time
    order (a heap holds the events scheduled after the case now being opened)."""
    step = OPEN_SPAN / max(1, len(sizes))
    pending, planned, notice_id, tie = [], 0, 0, 0
    for index, k in enumerate(sizes):
        t0 = START + step * index + timedelta(microseconds=rng.randrange(1_000_000))
        case_row, notice_rows, events = story(index + 1, t0, k, notice_id, rules, rng)
        notice_id += k
        cases.append(case_row)
        yield from notice_rows
        while pending and pending[0][0] <= t0:
            _emit(heapq.heappop(pending), out, lines)
        if planned < budget * (index + 1) / len(sizes):
            planned += len(events)
            out.logged_cases += 1
            for event in events:
                tie += 1
                heapq.heappush(pending, (event[0], tie, *event[1:]))
    while pending:
        _emit(heapq.heappop(pending), out, lines)
    out.notices, out.cases = notice_id, len(sizes)


def _emit(event: tuple, out: Written, lines: list) -> None:
    at, _tie, kind, subject_type, subject_id, data = event
    seq = out.events + 1
    form = chain.public_form(
        seq=seq,
        kind=kind,
        created_at=at,
        subject_type=subject_type,
        subject_id=subject_id,
        data=data,
    )
    blob = chain.canonical_bytes(form)
    link = hashlib.sha256(out.head_hash.encode() + blob).hexdigest()  # = chain.link_hash
    text = json.dumps(data, ensure_ascii=False).replace("\\", "\\\\")
    public = blob.decode().replace("\\", "\\\\")
    lines.append(
        f"{kind}\t\\N\t{subject_type}\t{subject_id}\t{text}\t{{}}\t{at.isoformat()}"
        f"\t{seq}\t{out.head_hash}\t{link}\t{public}\n"
    )
    out.blobs.append(blob)
    out.events, out.head_hash, out.last_at = seq, link, at
    out.kinds[kind] = out.kinds.get(kind, 0) + 1


def _finish(cur, out: Written) -> None:
    cur.execute(
        "INSERT INTO core_chainhead (id, seq, hash, updated_at) VALUES (1, %s, %s, %s) "
        "ON CONFLICT (id) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash, "
        "updated_at = EXCLUDED.updated_at",
        (out.events, out.head_hash, out.last_at),
    )
    for table in ("moderation_case", "moderation_notice"):
        cur.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
            f"(SELECT max(id) FROM {table}))"
        )

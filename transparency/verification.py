"""Verifying the stored moderation event log: what `manage.py verify_event_log` runs.

Every link is recomputed: event n's hash must be SHA-256 over event n-1's hash followed by
n's stored public bytes (core/chain.py). That splits into two checks which together say
exactly this, and on PostgreSQL the database runs both:

- hashes: each event's `hash` is SHA-256 over its own `prev_hash` and `public` (a
  parallel scan of the table, in any order);
- links: in sequence order, the numbers run 1, 2, 3, … and each event's `prev_hash` is
  the previous event's `hash` (one pass over the covering index
  core.chain_check.LINKS_INDEX, which holds nothing else).

They are independent, so outside a transaction they run side by side on two
connections. With a million events this takes 1.15–1.8x as long as hashlib hashing the
same bytes in a tight loop; shipping the rows to Python to hash them there costs 2.5x
that before any hashing (bench/README.md). SQLite has no SHA-256: there Python walks
every link. At the first event a check flags, `chain.verify` reads on in Python
from the last good event and names what is wrong.

Events are checked up to the chain head read first; those appended meanwhile are left
for the next run.
"""

import hashlib
from concurrent.futures import ThreadPoolExecutor

from django.db import connection, transaction

from core import chain_check
from core.chain import GENESIS, Verdict, canonical_bytes, verify
from core.events import public_form
from core.models import ChainHead, Event
from transparency.selectors import chain_head, chain_links, public_log

# count(*) keeps this one parallel scan: min() alone is planned as a walk down an index.
# textsend() hands over a text's bytes as stored: on a UTF-8 database (as Candid creates
# them) exactly the bytes that were hashed; convert_to() would validate them again, a
# fifth of the check. Other encodings convert.
BAD_HASHES = """
    SELECT count(*), min(chain_seq) FROM core_event
    WHERE chain_seq <= %s AND encode(sha256({}), 'hex') IS DISTINCT FROM hash
"""
AS_STORED, AS_UTF8 = "textsend(prev_hash || public)", "convert_to(prev_hash || public, 'UTF8')"
# The link pass takes a core of its own, so the hash scan gets one worker fewer.
ONE_WORKER_FEWER = """
    SELECT set_config('max_parallel_workers_per_gather',
        greatest(1, current_setting('max_parallel_workers_per_gather')::int - 1)::text, true)
"""
# Sequence numbers are unique (a unique index), so count = last and first = 1 means they
# run 1, 2, 3, … without a gap. Only when they do not, GAPS finds where.
LINKS_IN_ORDER = """
    SELECT min(chain_seq) FILTER (WHERE prev_hash <> before),
           count(*), min(chain_seq), max(chain_seq)
    FROM (
        SELECT chain_seq, prev_hash, lag(hash, 1, %s) OVER (ORDER BY chain_seq) AS before
        FROM core_event WHERE chain_seq <= %s
    ) AS links
"""
GAPS = """
    SELECT min(chain_seq) FROM (
        SELECT chain_seq, lag(chain_seq, 1, 0::bigint) OVER (ORDER BY chain_seq) AS before
        FROM core_event WHERE chain_seq <= %s
    ) AS numbers WHERE chain_seq <> before + 1
"""


def verify_stored_log() -> Verdict:
    """Recomputes every link up to the chain head, makes sure the columns say what the
    public forms say (core/chain_check.py), then that the log ends at the head."""
    head = chain_head()
    if connection.vendor == "postgresql":
        verdict = _verify_in_database(head.seq)
    else:
        verdict = walk(head.seq)
    if verdict.ok and not chain_check.constraint_intact():
        verdict = _verify_columns(verdict)
    if verdict.ok:
        _compare_with_head(verdict, head)
    return verdict


def _verify_in_database(upto: int) -> Verdict:
    bad_hash, (bad_link, checked, first, last) = _both_checks(upto)
    if not checked:
        return Verdict(True, 0, 0, GENESIS)
    flagged = [seq for seq in (bad_hash, bad_link) if seq is not None]
    if (first, last) != (1, checked):
        flagged.append(_fetch(GAPS, [upto])[0] or first)
    if flagged:
        good = Event.objects.filter(chain_seq__lt=min(flagged)).order_by("-chain_seq")
        after, prev = good.values_list("chain_seq", "hash").first() or (0, GENESIS)
        return _named(after=after, prev=prev)
    last_hash = Event.objects.filter(chain_seq=last).values_list("hash", flat=True).get()
    return Verdict(True, checked, last, last_hash)


def _both_checks(upto: int):
    """Side by side on two connections; one after the other inside a transaction, whose
    rows another connection would not see."""
    links = (LINKS_IN_ORDER, [GENESIS, upto])
    if connection.in_atomic_block:
        return _bad_hash(upto), _fetch(*links)
    with ThreadPoolExecutor(max_workers=1) as pool:
        hashes = pool.submit(_on_own_connection, _bad_hash, upto)
        in_order = _fetch(*links)
        return hashes.result(), in_order


def _bad_hash(upto: int) -> int | None:
    connection.ensure_connection()
    utf8 = connection.connection.info.parameter_status("server_encoding") == "UTF8"
    sql = BAD_HASHES.format(AS_STORED if utf8 else AS_UTF8)
    return _fetch(sql, [upto], ONE_WORKER_FEWER)[1]


def _fetch(sql: str, params: list, *settings: str) -> tuple:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")  # compiling costs more than it saves here
        for setting in settings:
            cursor.execute(setting)
        cursor.execute(sql, params)
        return cursor.fetchone()


def _on_own_connection(function, *args):
    try:
        return function(*args)
    finally:
        connection.close()  # this thread's connection


def walk(upto: int) -> Verdict:
    """One SHA-256 per event in Python, over the bytes as stored; the same checks."""
    expected, prev, sha256 = 1, GENESIS, hashlib.sha256
    for seq, prev_hash, link, public in chain_links(upto=upto):
        if (
            seq != expected
            or prev_hash != prev
            or sha256((prev + public).encode()).hexdigest() != link
        ):
            return _named(after=expected - 1, prev=prev)
        expected, prev = expected + 1, link
    return Verdict(True, expected - 1, expected - 1, prev)


def _named(*, after: int, prev: str) -> Verdict:
    """Reads the log in full from the event after #`after` (whose hash, `prev`, is
    verified) and names the first thing wrong."""
    return verify(public_log(after=after), start_seq=after + 1, prev=prev)


def _verify_columns(verdict: Verdict) -> Verdict:
    """Every chained event's columns against its public form, where no database
    constraint guarantees they agree."""
    rows = Event.objects.filter(chain_seq__isnull=False, chain_seq__lte=verdict.head_seq)
    for event in rows.order_by("chain_seq").iterator(chunk_size=2000):
        if canonical_bytes(public_form(event)).decode() != event.public:
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


def _compare_with_head(verdict: Verdict, head: ChainHead) -> None:
    """The log must end at the head. An event after it is allowed only if the head has
    moved since (appended meanwhile): the head moves in the same transaction as the
    event, so the event was committed, and the head with it, before this looked."""
    if (verdict.head_seq, verdict.head_hash) != (head.seq, head.hash):
        verdict.ok, verdict.at_seq = False, verdict.head_seq + 1
        verdict.problem = (
            f"the log ends at #{verdict.head_seq} but the published head is "
            f"#{head.seq}: events at the end were removed"
        )
        return
    beyond = Event.objects.filter(chain_seq__gt=head.seq).order_by("chain_seq")
    first = beyond.values_list("chain_seq", flat=True).first()
    if first is not None and chain_head().seq == head.seq:
        verdict.ok, verdict.at_seq = False, first
        verdict.problem = f"it lies beyond the chain head #{head.seq}: inserted"

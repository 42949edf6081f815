"""Writing received activities into InboxMessage, and telling the worker: one at a time
(intake without the journal) or in batches (inbox_journal.py).

The statements are written out and run on the database driver's own connection: building
them through the ORM, and then Django's cursor wrapper, each cost about half the
signature check intake runs before them (bench/federation.py). Each runs in the
transaction an outer atomic() opened, else it commits at once, as Django's own cursor
would."""

import time
from datetime import UTC, datetime, timedelta

from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone
from django.utils.module_loading import import_string

from federation.processing import DRAIN_TASK

DRAIN_WINDOW = 1.0  # seconds: at most one drain queued per window and process
DRAIN_DELAY = 2.0  # seconds: the window, and a margin for clocks that differ a little

# (received at as seconds since the epoch, actor URI, key id, activity type, the JSON)
Row = tuple[float, str, str, str, str]

_INSERT = (
    "INSERT INTO federation_inboxmessage (received_at, actor_uri, key_id, activity_type,"
    " activity, state, attempts, outcome) VALUES ({p}, {p}, {p}, {p}, {document}, 'received',"
    " 0, '') RETURNING id"
)
_INSERT_BY_VENDOR = {
    "postgresql": _INSERT.format(p="%s", document="CAST(%s AS jsonb)"),
    "sqlite": _INSERT.format(p="?", document="?"),
}
_COPY = (
    "COPY federation_inboxmessage (received_at, actor_uri, key_id, activity_type, activity,"
    " state, attempts, outcome) FROM STDIN"
)


def message_insert(row: Row) -> int:
    """One message; its id."""
    database = _database()
    with database.wrap_database_errors:  # Django's errors, and a broken connection closed
        cursor = database.connection.execute(
            _INSERT_BY_VENDOR[database.vendor], _values(row, database.vendor)
        )
        return cursor.fetchone()[0]


def messages_insert(rows: list[Row]) -> None:
    """Many messages in one statement: COPY on PostgreSQL (a few microseconds a row,
    against a round trip each), executemany on SQLite."""
    database = _database()
    with database.wrap_database_errors:
        if database.vendor == "postgresql":
            with database.connection.cursor() as cursor, cursor.copy(_COPY) as copy:
                for row in rows:
                    copy.write_row((*_values(row, "postgresql"), "received", 0, ""))
        else:
            insert = _INSERT_BY_VENDOR["sqlite"].removesuffix(" RETURNING id")
            database.connection.executemany(insert, [_values(row, "sqlite") for row in rows])


_JOURNAL_MARK = (
    "INSERT INTO federation_inboxjournal (name, moved, updated_at) VALUES ({p}, {p}, {p})"
    " ON CONFLICT (name) DO UPDATE SET moved = excluded.moved, updated_at = excluded.updated_at"
)
_JOURNAL_MARK_BY_VENDOR = {
    "postgresql": _JOURNAL_MARK.format(p="%s"),
    "sqlite": _JOURNAL_MARK.format(p="?"),
}


def journal_mark(name: str, moved: int) -> None:
    """How far the journal `name` is moved (models.InboxJournal), in the transaction of
    the rows moved."""
    database = _database()
    now = _stored_time(time.time(), database.vendor)
    with database.wrap_database_errors:
        database.connection.execute(_JOURNAL_MARK_BY_VENDOR[database.vendor], (name, moved, now))


def _database():
    database = connections[DEFAULT_DB_ALIAS]
    database.ensure_connection()
    return database


def _values(row: Row, vendor: str) -> tuple:
    return (_stored_time(row[0], vendor), *row[1:])


def _stored_time(seconds: float, vendor: str):
    """SQLite stores an aware time as Django does: naive UTC text."""
    moment = datetime.fromtimestamp(seconds, tz=UTC)
    return str(moment.replace(tzinfo=None)) if vendor == "sqlite" else moment


_drain_queued_at = 0.0


def drain_soon() -> None:
    """Queue a drain at most once per DRAIN_WINDOW in this process, to run DRAIN_DELAY
    later. Every message this process stores in the window is committed before the
    window ends (this runs after its INSERT committed), so that drain finds it. A message
    whose drain is lost (a worker killed) is queued again by the upkeep
    (processing.inbox_stale_enqueue)."""
    global _drain_queued_at
    now = time.monotonic()
    if now - _drain_queued_at < DRAIN_WINDOW:
        return
    _drain_queued_at = now
    run_after = timezone.now() + timedelta(seconds=DRAIN_DELAY)
    import_string(DRAIN_TASK).using(run_after=run_after).enqueue()

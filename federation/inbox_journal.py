"""Intake's journal: where a received activity is kept before the 202, when the worker
runs apart from the web (CANDID_TASKS=database) and CANDID_FEDERATION_INBOX_JOURNAL is on.

Why: issue #19 asks intake to cost at most twice the signature check, and to store each
activity before answering, so that a crash loses nothing. One committed INSERT per
activity costs more than the check (on PostgreSQL one round trip costs about five),
while one write() to a file costs a microsecond, and rows moved in a batch a few each.

How: each web process appends its activities to a file of its own in
CANDID_FEDERATION_INBOX_JOURNAL_DIR, which it holds locked (and replaces by a new one
once it is ROTATE_BYTES long and wholly moved). Once write() has returned
the kernel holds the record, so a kill -9 of the process loses nothing. A thread of the
process moves what was appended into InboxMessage at least every MOVE_SECONDS, one
transaction per batch of up to BATCH rows. The same transaction records in InboxJournal
how far the file is moved, so a crash between two moves neither repeats nor loses a
row. When a process dies, the kernel drops its lock, and its file is moved and deleted
by the next process that opens a journal, or by the upkeep in the worker (which shares
the directory in compose.yaml).

What it gives up: after a power cut (not a crash of Candid), the activities of the last
MOVE_SECONDS or so may be lost, as with PostgreSQL's synchronous_commit=off. Their
senders had their 202 and do not send them again. CANDID_FEDERATION_INBOX_JOURNAL=0
stores each activity with its own INSERT instead."""

import atexit
import fcntl
import logging
import os
import secrets
import socket
import struct
import threading
import time
import zlib
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction

from federation.inbox_store import Row, drain_soon, journal_mark, messages_insert
from federation.models import InboxJournal

MOVE_SECONDS = 0.1
BATCH = 500
ROTATE_BYTES = 16 * 1024 * 1024
SUFFIX = ".journal"
# A record: crc32 of the rest, body length, received at, then the lengths of the actor
# URI, the key id and the type, followed by those three and the body, all UTF-8.
_HEADER = struct.Struct("<IIdHHB")
log = logging.getLogger("candid.federation")


def record_append(row: Row) -> None:
    """Kept before the caller answers: this process's journal, opened on first use."""
    _open_journal().append(row)


def journal_move() -> int:
    """Moves what this process appended so far (the thread does it on its own; a test or
    the benchmark waits for it here). The rows moved."""
    journal = _journal
    return journal.move() if journal is not None else 0


def orphans_move(directory: Path | None = None) -> int:
    """Moves and deletes the journals of processes that died (no one holds their lock).
    The rows moved."""
    directory = Path(directory or settings.CANDID_FEDERATION_INBOX_JOURNAL_DIR)
    moved = 0
    for path in sorted(directory.glob(f"*{SUFFIX}")):
        if _journal is not None and path == _journal.path:
            continue
        try:
            descriptor = os.open(path, os.O_RDWR)
        except FileNotFoundError:
            continue  # moved and deleted meanwhile
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(descriptor)
            continue  # its process is alive
        orphan = Journal(path, descriptor, written=os.fstat(descriptor).st_size)
        moved += orphan.close(orphaned=True)
    return moved


class Journal:
    def __init__(self, path: Path, descriptor: int, written: int = 0):
        self.path, self.name, self.descriptor = path, path.name, descriptor
        row = InboxJournal.objects.filter(name=self.name).values_list("moved", flat=True)
        self.moved = row.first() or 0
        self.written = written
        self.pid = os.getpid()
        self.closed = False
        self._append_lock = threading.Lock()
        self._move_lock = threading.Lock()

    @classmethod
    def create(cls, directory: Path) -> "Journal":
        return cls(*_new_file(directory))

    def append(self, row: Row) -> None:
        record = _encoded(row)
        with self._append_lock:
            written = os.write(self.descriptor, record)
            if written != len(record):  # a full disk: take the part back, answer an error
                os.ftruncate(self.descriptor, self.written)
                raise OSError(f"journal {self.name}: {written} of {len(record)} bytes written")
            self.written += written

    def move(self) -> int:
        """Moves the whole records not yet moved, BATCH at a time."""
        with self._move_lock:
            start, end = self.moved, self.written
            if self.closed or end <= start:
                return 0
            rows, ends = _decoded(os.pread(self.descriptor, end - start, start))
            for first in range(0, len(rows), BATCH):
                last = min(first + BATCH, len(rows)) - 1
                self._store(rows[first : last + 1], start + ends[last])
            return len(rows)

    def rotate(self) -> bool:
        """Once the file is ROTATE_BYTES long and wholly moved, appends go on in a new
        file and the old one is deleted, so a long-lived process keeps a small file."""
        with self._move_lock, self._append_lock:
            if self.closed or self.written < ROTATE_BYTES or self.moved < self.written:
                return False
            old = (self.path, self.name, self.descriptor)
            self.path, self.descriptor = _new_file(self.path.parent)
            self.name, self.moved, self.written = self.path.name, 0, 0
        old[0].unlink()
        InboxJournal.objects.filter(name=old[1]).delete()
        os.close(old[2])
        return True

    def _store(self, rows: list[Row], moved_to: int) -> None:
        with transaction.atomic():
            messages_insert(rows)
            journal_mark(self.name, moved_to)
        self.moved = moved_to
        drain_soon()

    def close(self, orphaned: bool = False) -> int:
        """Moves the rest, then deletes the file and its row (a crash between the two
        leaves only the row). An orphan's torn last record (a machine crash mid-write)
        is logged and dropped; a live journal that cannot be moved whole stays, and its
        lock goes with the descriptor, for orphans_move."""
        if self.closed:
            return 0
        try:
            moved = self.move()
            if self.moved < self.written:
                if not orphaned:
                    return moved
                log.error("journal %s: dropped %s torn bytes", self.name, self.written - self.moved)
            self.path.unlink(missing_ok=True)
            InboxJournal.objects.filter(name=self.name).delete()
            return moved
        finally:
            self.closed = True
            os.close(self.descriptor)


def _new_file(directory: Path) -> tuple[Path, int]:
    """A new journal file, locked before it takes its name: orphans_move never sees it
    free."""
    directory.mkdir(parents=True, exist_ok=True)
    name = f"{socket.gethostname()}-{os.getpid()}-{secrets.token_hex(4)}"
    opening = directory / f"{name}.opening"
    descriptor = os.open(opening, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_APPEND, 0o600)
    fcntl.flock(descriptor, fcntl.LOCK_EX)
    path = directory / f"{name}{SUFFIX}"
    os.rename(opening, path)
    return path, descriptor


def _encoded(row: Row) -> bytes:
    received_at, actor_uri, key_id, activity_type, activity = row
    parts = [text.encode() for text in (actor_uri, key_id, activity_type, activity)]
    lengths = (len(parts[3]), received_at, len(parts[0]), len(parts[1]), len(parts[2]))
    rest = _HEADER.pack(0, *lengths)[4:] + b"".join(parts)
    return struct.pack("<I", zlib.crc32(rest)) + rest


def _decoded(data: bytes) -> tuple[list[Row], list[int]]:
    """The whole records at the start of `data`, and the offset after each: a write cut
    short (a machine crash) or damage ends them."""
    rows, ends, at = [], [], 0
    while at + _HEADER.size <= len(data):
        crc, body, received_at, actor, key, kind = _HEADER.unpack_from(data, at)
        end = at + _HEADER.size + actor + key + kind + body
        if end > len(data) or zlib.crc32(data[at + 4 : end]) != crc:
            break
        texts, start = [], at + _HEADER.size
        for length in (actor, key, kind, body):
            texts.append(data[start : start + length].decode())
            start += length
        rows.append((received_at, *texts))
        ends.append(end)
        at = end
    return rows, ends


_journal: Journal | None = None
_journal_lock = threading.Lock()


def _open_journal() -> Journal:
    """This process's journal and its moving thread; a forked child opens its own."""
    global _journal
    journal = _journal
    if journal is not None and journal.pid == os.getpid():
        return journal
    with _journal_lock:
        if _journal is None or _journal.pid != os.getpid():
            journal = Journal.create(Path(settings.CANDID_FEDERATION_INBOX_JOURNAL_DIR))
            _journal = journal
            threading.Thread(target=_mover, args=(journal,), daemon=True).start()
            atexit.register(_closed_at_exit, journal)
        return _journal


def _mover(journal: Journal) -> None:
    """Moves this process's journal every MOVE_SECONDS; first, the orphans. An error
    (the database away) leaves the records in the file for the next turn."""
    orphans_checked = False
    while _journal is journal:
        try:
            if not orphans_checked:
                orphans_move(journal.path.parent)
                orphans_checked = True
            journal.move()
            journal.rotate()
        except Exception:
            log.exception("journal %s: not moved this time", journal.name)
            connection.close()
        time.sleep(MOVE_SECONDS)


def _closed_at_exit(journal: Journal) -> None:
    global _journal
    if _journal is journal:
        _journal = None  # the thread stops
    try:
        journal.close()
    except Exception:
        log.exception("journal %s: left for orphans_move", journal.name)

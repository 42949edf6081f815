"""In-memory PDQ near-duplicate index over every stored hash: Candid's release rows and the
rows of imported external manifests.

Why a numpy full scan and not faiss: a PDQ hash is 32 bytes, so a million hashes are 32 MB
and an exhaustive scan runs at memory speed (bench/consent_lookup.py times it against faiss
`IndexBinaryFlat` in the same run). The hashes are kept column-wise, four contiguous uint64
words per hash; the scan first sums the distances of the first two words (128 bits), which
already exceed 31 for all but a vanishing share of unrelated hashes, and only the
candidates are checked on all 256 bits. Memory: 32 bytes a hash plus an 8-byte row id and a
1-byte source code (41 MB per million).

Loaded lazily per process and refreshed incrementally: every `refresh_seconds` (setting
CANDID_LOOKUP_REFRESH_SECONDS, default 5) a search first loads rows whose id is above the
last one loaded, so a new row is searchable within seconds. Deleted rows simply stop
resolving when hits are described; a full reload every hour drops them from memory.

Checkpoints (consent/lookup/pdq_checkpoint.py): the process-wide index (`shared_index`)
memory-maps the newest checkpoint the worker built (`pdq_index_build`) and loads from the
database only the rows added after it, so a web process neither waits for nor holds its
own copy of the full load. The pointer file is re-read at most every `refresh_seconds`;
a new version replaces the mapped one without a restart. Without any checkpoint (a fresh
install, the embedded default before the worker ran) it loads everything in-process as
before: a web process never builds a checkpoint itself.
"""

import threading
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from django.conf import settings
from django.db import connection

from consent.lookup.pdq_checkpoint import Checkpoint, checkpoint_current, checkpoint_map

THRESHOLD = 31  # Meta's recommended PDQ match distance (pdq/README.md)
BLOCK = 65536
BATCH = 500_000
FULL_RELOAD_SECONDS = 3600


@dataclass(frozen=True)
class Source:
    """A table of hashes: `code` tags its hits; `table`, `hash_column` name what to load."""

    code: int
    name: str
    table: str
    hash_column: str


@dataclass(frozen=True)
class Hit:
    source: str
    row_id: int
    distance: int
    variant: int  # 0 = as given; 1-7 = a rotated or mirrored copy (PDQ dihedral order)


class _Chunk:
    def __init__(self, hashes: np.ndarray, ids: np.ndarray, code: int):
        self.words = np.ascontiguousarray(hashes.view("<u8").T)  # (4, n)
        self.ids = ids
        self.codes = np.full(len(ids), code, dtype=np.uint8)

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def mapped(cls, table: np.ndarray) -> "_Chunk":
        """A chunk over a (6, n) checkpoint table, without copying it."""
        chunk = cls.__new__(cls)
        chunk.words, chunk.ids, chunk.codes = table[:4], table[4], table[5]
        return chunk


def default_sources() -> list[Source]:
    from consent.models.lookup import ManifestRow
    from consent.models.releases import ReleaseItem

    return [
        Source(0, "manifest", ManifestRow._meta.db_table, "pdq"),
        Source(1, "release", ReleaseItem._meta.db_table, "pdq_hash"),
    ]


class PdqIndex:
    def __init__(
        self,
        sources: list[Source] | None = None,
        refresh_seconds: float | None = None,
        checkpoint_dir: Path | None = None,
    ):
        """`checkpoint_dir`: map the checkpoint found there (if any) instead of loading
        every row from the database."""
        self._sources = sources
        self._refresh_seconds = refresh_seconds
        self._checkpoint_dir = checkpoint_dir
        self._checkpoint: Checkpoint | None = None
        self._base: _Chunk | None = None
        self._lock = threading.Lock()
        self._clear()

    def _clear(self) -> None:
        self._chunks: list[_Chunk] = []
        self._last_ids: dict[int, int] = {}
        self._checked_at = 0.0
        self._loaded_at = time.monotonic()
        if self._checkpoint is not None:
            self._last_ids = dict(self._checkpoint.last_ids)

    @property
    def base(self) -> np.ndarray | None:
        """The memory-mapped checkpoint words (4, n), if one is in use."""
        return None if self._base is None else self._base.words

    @property
    def sources(self) -> list[Source]:
        if self._sources is None:
            self._sources = default_sources()
        return self._sources

    def __len__(self) -> int:
        return sum(len(chunk) for chunk in self._all_chunks())

    def _all_chunks(self) -> list[_Chunk]:
        return ([self._base] if self._base is not None else []) + list(self._chunks)

    def nbytes(self) -> int:
        """Bytes held in process memory (a mapped checkpoint is shared, not counted)."""
        return sum(c.words.nbytes + c.ids.nbytes + c.codes.nbytes for c in self._chunks)

    def ensure_fresh(self) -> None:
        interval = self._refresh_seconds
        if interval is None:
            interval = getattr(settings, "CANDID_LOOKUP_REFRESH_SECONDS", 5)
        now = time.monotonic()
        if now - self._checked_at >= interval:
            self.refresh()

    def refresh(self, progress=None) -> int:
        """Load rows added since the last load; returns how many. Thread-safe."""
        with self._lock:
            if self._checkpoint_dir is not None:
                self._map_newest()
            if time.monotonic() - self._loaded_at > FULL_RELOAD_SECONDS:
                self._clear()
            added = sum(self._load(source, progress) for source in self.sources)
            if len(self._chunks) > 16:
                self._compact()
            self._checked_at = time.monotonic()
            return added

    def _map_newest(self) -> None:
        """Map the checkpoint the pointer names if it is not the one in use; rows loaded
        in-process are then dropped and reloaded from above the checkpoint's last ids."""
        newest = checkpoint_current(self._checkpoint_dir)
        if newest is None or newest == self._checkpoint:
            return
        self._base = _Chunk.mapped(checkpoint_map(newest))
        self._checkpoint = newest
        self._clear()

    def snapshot(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict[int, int]]:
        """Everything loaded as (words (4, n), ids, codes, last id per source)."""
        chunks = self._all_chunks()
        if not chunks:
            empty = np.zeros(0, np.uint64)
            return np.zeros((4, 0), np.uint64), empty, empty, dict(self._last_ids)
        words = np.concatenate([c.words for c in chunks], axis=1)
        ids = np.concatenate([c.ids for c in chunks])
        codes = np.concatenate([c.codes for c in chunks])
        return words, ids, codes, dict(self._last_ids)

    def _load(self, source: Source, progress) -> int:
        added = 0
        sql = (
            f"SELECT id, {source.hash_column} FROM {source.table} "  # noqa: S608 - fixed names
            f"WHERE id > %s AND {source.hash_column} <> '' ORDER BY id LIMIT {BATCH}"
        )
        while True:
            with connection.cursor() as cursor:
                cursor.execute(sql, [self._last_ids.get(source.code, 0)])
                rows = cursor.fetchall()
            if not rows:
                return added
            self._last_ids[source.code] = rows[-1][0]
            ids, hashes = _decode(rows)
            if len(ids):
                self._chunks.append(_Chunk(hashes, ids, source.code))
            added += len(ids)
            if progress:
                progress(added)
            if len(rows) < BATCH:
                return added

    def _compact(self) -> None:
        words = np.concatenate([c.words for c in self._chunks], axis=1)
        merged = _Chunk(np.zeros((0, 32), np.uint8), np.zeros(0, np.int64), 0)
        merged.words = words
        merged.ids = np.concatenate([c.ids for c in self._chunks])
        merged.codes = np.concatenate([c.codes for c in self._chunks])
        self._chunks = [merged]

    def search(self, variants: np.ndarray, threshold: int = THRESHOLD) -> list[Hit]:
        """Every stored hash within `threshold` of any query (k, 32) uint8; one hit per
        row, at its smallest distance."""
        queries = np.ascontiguousarray(variants, dtype=np.uint8).view("<u8")  # (k, 4)
        names = {s.code: s.name for s in self.sources}
        best: dict[tuple[int, int], Hit] = {}
        for chunk in self._all_chunks():
            for pos, distance, variant in _scan(chunk.words, queries, threshold):
                key = (int(chunk.codes[pos]), int(chunk.ids[pos]))
                if key not in best or distance < best[key].distance:
                    best[key] = Hit(names[key[0]], key[1], distance, variant)
        return sorted(best.values(), key=lambda h: (h.distance, h.source, h.row_id))


def _decode(rows: list[tuple]) -> tuple[np.ndarray, np.ndarray]:
    """Hex hashes to (n, 32) uint8 in one call; rows with a malformed hash are skipped."""
    try:
        raw = bytes.fromhex("".join(h for _, h in rows))
        if len(raw) != 32 * len(rows):
            raise ValueError
        ids = np.fromiter((i for i, _ in rows), dtype=np.int64, count=len(rows))
        return ids, np.frombuffer(raw, dtype=np.uint8).reshape(-1, 32)
    except ValueError:
        good = [(i, h) for i, h in rows if _is_hash(h)]
        if len(good) == len(rows):
            raise
        if not good:
            return np.zeros(0, np.int64), np.zeros((0, 32), np.uint8)
        return _decode(good)


def _is_hash(value: str) -> bool:
    if len(value) != 64:
        return False
    try:
        bytes.fromhex(value)
    except ValueError:
        return False
    return True


def _scan(words: np.ndarray, queries: np.ndarray, threshold: int):
    """Blocked scan: each block of the first two words stays in cache while every query
    variant is compared with it (one xor, one popcount, one add, one compare a block);
    the few candidates are verified on all four words."""
    n = words.shape[1]
    xor = np.empty((2, BLOCK), dtype=np.uint64)
    counts = np.empty((2, BLOCK), dtype=np.uint8)
    total = np.empty(BLOCK, dtype=np.uint8)
    near = np.empty(BLOCK, dtype=bool)
    heads = [query[:2, None] for query in queries]
    for start in range(0, n, BLOCK):
        size = min(start + BLOCK, n) - start
        block, x, c = words[:2, start : start + size], xor[:, :size], counts[:, :size]
        t, hit = total[:size], near[:size]
        for variant, head in enumerate(heads):
            np.bitwise_xor(block, head, out=x)
            np.bitwise_count(x, out=c)
            np.add(c[0], c[1], out=t)
            np.less_equal(t, threshold, out=hit)
            if hit.any():
                candidates = np.flatnonzero(hit) + start
                yield from _verify(words, candidates, queries[variant], variant, threshold)


def _verify(words, candidates, query, variant, threshold):
    full = np.bitwise_count(words[:, candidates] ^ query[:, None]).sum(axis=0)
    for pos, distance in zip(candidates[full <= threshold], full[full <= threshold], strict=True):
        yield int(pos), int(distance), variant


_shared: PdqIndex | None = None
_shared_lock = threading.Lock()


def shared_index() -> PdqIndex:
    """The process-wide index, created on first use (not at import), mapping the
    checkpoints under CANDID_PDQ_DIR."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = PdqIndex(checkpoint_dir=Path(settings.CANDID_PDQ_DIR))
    return _shared


def reset_shared_index() -> None:
    """For tests: forget the loaded hashes (each test has its own database)."""
    global _shared
    with _shared_lock:
        _shared = None

"""PDQ index checkpoints: the whole index as one .npy file per version under
CANDID_PDQ_DIR (default CANDID_DATA_DIR/pdq), written by the worker and memory-mapped by
web processes, so no request waits for a load and every process on a machine shares one
copy through the page cache.

Layout: one (6, n) uint64 array; rows 0-3 are the four hash words (column-wise, as the
scan wants them), row 4 the row id, row 5 the source code. A scan reads rows 0-1 only, so
only those pages become resident.

Crash safety: a checkpoint is written to a temporary name, fsynced, then renamed
(`os.replace`, atomic); only then is the `current` pointer (JSON: version, file, the last
id loaded per source) replaced the same way. A reader opens only the file the pointer
names, so a build killed at any point leaves the previous checkpoint in use.
"""

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

POINTER = "current"
STALE_TEMP_SECONDS = 3600
KEEP = 2  # versions kept: a process may still map the previous one until it re-checks


@dataclass(frozen=True)
class Checkpoint:
    version: str
    path: Path
    last_ids: dict[int, int]


def checkpoint_write(
    directory: Path, words: np.ndarray, ids: np.ndarray, codes: np.ndarray, last_ids
) -> Checkpoint:
    """Write a new version and point `current` at it; returns it."""
    directory.mkdir(parents=True, exist_ok=True)
    version = f"{time.time_ns():020d}"
    table = np.empty((6, len(ids)), dtype=np.uint64)
    table[:4], table[4], table[5] = words, ids, codes
    final = directory / f"{version}.npy"
    _atomic_write(final, lambda f: np.save(f, table, allow_pickle=False))
    pointer = {"version": version, "file": final.name, "last_ids": last_ids}
    data = json.dumps(pointer).encode()
    _atomic_write(directory / POINTER, lambda f: f.write(data))
    _prune(directory, keep={final.name})
    return Checkpoint(version, final, {int(k): int(v) for k, v in last_ids.items()})


def _atomic_write(final: Path, write) -> None:
    temp = final.with_name(f".{final.name}.{os.getpid()}.tmp")
    with open(temp, "wb") as f:
        write(f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(temp, final)


def _prune(directory: Path, keep: set[str]) -> None:
    """Old versions past KEEP, and temporary files a killed build left an hour or more ago
    (a running build writes its own for seconds, not hours)."""
    versions = sorted(directory.glob("[0-9]*.npy"))
    for old in versions[:-KEEP]:
        if old.name not in keep:
            old.unlink(missing_ok=True)
    for temp in directory.glob(".*.tmp"):
        if time.time() - temp.stat().st_mtime > STALE_TEMP_SECONDS:
            temp.unlink(missing_ok=True)


def checkpoint_current(directory: Path) -> Checkpoint | None:
    """The checkpoint `current` names, or None if there is none (yet)."""
    try:
        pointer = json.loads((directory / POINTER).read_text())
        path = directory / Path(pointer["file"]).name
        if not path.exists():
            return None
        last_ids = {int(k): int(v) for k, v in pointer["last_ids"].items()}
        return Checkpoint(str(pointer["version"]), path, last_ids)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def checkpoint_map(checkpoint: Checkpoint) -> np.memmap:
    """The (6, n) table, memory-mapped read-only."""
    return np.load(checkpoint.path, mmap_mode="r", allow_pickle=False)

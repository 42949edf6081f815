"""Build the PDQ index checkpoint the web processes map (consent/lookup/pdq_checkpoint.py).

Runs in the worker only: on its schedule (core/scheduler.py, `pdq_index_build`) and after
each manifest import. Building loads every hash once in the worker's memory, writes the
new version atomically, and leaves the previous one in place until it is replaced."""

from pathlib import Path

from django.conf import settings

from consent.lookup.pdq_checkpoint import Checkpoint, checkpoint_write
from consent.lookup.pdq_index import PdqIndex
from core.tasks import task_enqueue

UPKEEP_TASK = "core.upkeep_tasks.upkeep_task"


def pdq_index_build(*, directory: Path | None = None) -> Checkpoint:
    """Load every stored hash from the database and write it as the current checkpoint."""
    index = PdqIndex(refresh_seconds=0)
    index.refresh()
    words, ids, codes, last_ids = index.snapshot()
    return checkpoint_write(Path(directory or settings.CANDID_PDQ_DIR), words, ids, codes, last_ids)


def pdq_index_build_enqueue() -> None:
    """Rebuild in the worker (the scheduled upkeep run, enqueued now)."""
    task_enqueue(UPKEEP_TASK, "pdq_index_build")

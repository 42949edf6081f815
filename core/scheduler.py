"""What every `manage.py worker` does beside running tasks, once a tick
(CANDID_WORKER_TICK_SECONDS): record its heartbeat, queue again the tasks of workers that
died mid-task, and enqueue the periodic upkeep that is due.

Periodic upkeep: each entry of SCHEDULES has a `Schedule` row holding when it is next due.
A worker moves a due row's `next_run_at` on with a conditional UPDATE (compare and set:
only the worker that still sees the old value wins) and enqueues the run in the same
transaction, so with any number of workers each run is enqueued once, and a restarted
worker runs only what is due, not everything at once. New rows are spread STAGGER apart.

Orphans: a task that django-tasks-db marked RUNNING stays so forever if its worker was
killed (kill -9, a lost machine). A task whose last worker is a worker without a
heartbeat for CANDID_WORKER_LOST_SECONDS is set READY again, to run on another worker,
until its attempts (its retry policy's, else DEFAULT_ATTEMPTS) are used up; then FAILED.
Tasks must therefore be idempotent: the mail task is (core/mail.py)."""

import os
import socket
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.models import Schedule, WorkerBeat
from core.tasks import DEFAULT_ATTEMPTS, retry_policy, task_enqueue

UPKEEP_TASK = "core.upkeep_tasks.upkeep_task"
MINUTES, HOUR, DAY = 60, 3600, 24 * 3600
# Upkeep command -> seconds between runs.
SCHEDULES: dict[str, int] = {
    "moderation_upkeep": 5 * MINUTES,
    "transparency_upkeep": 5 * MINUTES,
    "rights_upkeep": 5 * MINUTES,
    "deletion_reminders": 5 * MINUTES,
    "upload_debris_sweep": 5 * MINUTES,
    "pdq_index_build": 10 * MINUTES,
    "federation_upkeep": 1 * MINUTES,
    "notifications_digest": HOUR,
    "mail_prune": DAY,
    "prune_access_log": DAY,
    "prune_db_task_results": DAY,
}
STAGGER = timedelta(seconds=20)
WORKER_PREFIX = "candid-"


class WorkerLost(Exception):
    """Recorded on a task whose worker died while running it, after its last attempt."""


def worker_id_new() -> str:
    """Unique in the pool; the prefix marks a worker that beats (see tasks_orphaned_requeue)."""
    host = socket.gethostname()[:24]
    return f"{WORKER_PREFIX}{host}-{os.getpid()}-{get_random_string(8)}"


def worker_tick(*, worker_id: str, now: datetime | None = None) -> list[str]:
    now = now or timezone.now()
    worker_beat(worker_id=worker_id, now=now)
    tasks_orphaned_requeue(now=now)
    return schedules_run_due(now=now)


def worker_beat(*, worker_id: str, now: datetime) -> None:
    WorkerBeat.objects.update_or_create(worker_id=worker_id, defaults={"seen_at": now})
    WorkerBeat.objects.filter(seen_at__lt=now - timedelta(days=1)).delete()


def schedules_run_due(*, now: datetime | None = None) -> list[str]:
    """Enqueue each upkeep that is due; returns the names this call enqueued."""
    now = now or timezone.now()
    _schedules_ensure(now)
    ran = []
    due = Schedule.objects.filter(name__in=SCHEDULES, next_run_at__lte=now).order_by("name")
    for row in due:
        with transaction.atomic():
            following = now + timedelta(seconds=SCHEDULES[row.name])
            won = Schedule.objects.filter(pk=row.pk, next_run_at=row.next_run_at).update(
                next_run_at=following, last_run_at=now
            )
            if won:
                task_enqueue(UPKEEP_TASK, row.name)
                ran.append(row.name)
    return ran


def _schedules_ensure(now: datetime) -> None:
    rows = [Schedule(name=name, next_run_at=now + i * STAGGER) for i, name in enumerate(SCHEDULES)]
    Schedule.objects.bulk_create(rows, ignore_conflicts=True)


def tasks_orphaned_requeue(*, now: datetime | None = None) -> int:
    """Queue again (or, after the last attempt, fail) the tasks of dead candid workers."""
    now = now or timezone.now()
    lost_before = now - timedelta(seconds=settings.CANDID_WORKER_LOST_SECONDS)
    alive = set(
        WorkerBeat.objects.filter(seen_at__gte=lost_before).values_list("worker_id", flat=True)
    )
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
    orphans = [
        result.pk
        for result in running.only("pk", "worker_ids")
        if _last_worker(result).startswith(WORKER_PREFIX) and _last_worker(result) not in alive
    ]
    return sum(_orphan_requeue(pk, alive, now) for pk in orphans)


def _last_worker(result: DBTaskResult) -> str:
    return result.worker_ids[-1] if result.worker_ids else ""


def _orphan_requeue(pk, alive: set[str], now: datetime) -> bool:
    with transaction.atomic():
        result = DBTaskResult.objects.select_for_update(skip_locked=True).filter(pk=pk).first()
        if result is None or result.status != TaskResultStatus.RUNNING:
            return False
        worker = _last_worker(result)
        if worker in alive:
            return False
        policy = retry_policy(result.task_path)
        attempts = policy.attempts if policy else DEFAULT_ATTEMPTS
        if len(result.worker_ids) >= attempts:
            result.set_failed(WorkerLost(f"worker {worker} stopped while running this task"))
            return True
        result.status, result.run_after = TaskResultStatus.READY, now
        result.save(update_fields=["status", "run_after"])
    return True

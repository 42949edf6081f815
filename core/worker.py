"""Is the task worker alive, and how far behind is it? Read by `/healthz` and `/metrics`.

With CANDID_TASKS=database the worker (`manage.py db_worker`) runs tasks from
django-tasks-db's table, which records no heartbeat of its own. So the health check sends
one: a no-op `worker_ping` task, enqueued when no ping is waiting and the last answer is
older than PING_EVERY. The worker is alive while no ping has waited longer than
CANDID_WORKER_STALE_SECONDS; answered pings older than the newest answer are deleted, so
the table keeps at most two. The embedded default runs tasks in-process: no worker to ask.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Case, Count, F, Min, Q, When
from django.db.models.functions import Greatest
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult, get_date_max

PING_PATH = "core.worker.worker_ping"
PING_EVERY = timedelta(seconds=30)


@task()
def worker_ping() -> None:
    """Answered by whichever worker picks it up; its finish time is the heartbeat."""


def tasks_in_database() -> bool:
    return settings.TASKS["default"]["BACKEND"].endswith("DatabaseBackend")


@dataclass
class WorkerStatus:
    ok: bool
    mode: str  # "in-process" or "database"
    last_seen: datetime | None = None
    waiting_seconds: float = 0.0


def worker_status(*, now: datetime | None = None) -> WorkerStatus:
    if not tasks_in_database():
        return WorkerStatus(ok=True, mode="in-process")
    now = now or timezone.now()
    pings = DBTaskResult.objects.filter(task_path=PING_PATH)
    waiting = pings.filter(status=TaskResultStatus.READY).aggregate(since=Min("enqueued_at"))
    last_seen = (
        pings.filter(status=TaskResultStatus.SUCCESSFUL)
        .order_by("-finished_at")
        .values_list("finished_at", flat=True)
        .first()
    )
    if last_seen:
        pings.filter(status=TaskResultStatus.SUCCESSFUL, finished_at__lt=last_seen).delete()
    if waiting["since"] is None and (last_seen is None or now - last_seen >= PING_EVERY):
        worker_ping.enqueue()
    waited = (now - waiting["since"]).total_seconds() if waiting["since"] else 0.0
    stale = waited > settings.CANDID_WORKER_STALE_SECONDS
    return WorkerStatus(ok=not stale, mode="database", last_seen=last_seen, waiting_seconds=waited)


@dataclass
class QueueStats:
    ready: int
    oldest_ready_seconds: float
    failed: int


def task_queue_stats(*, now: datetime | None = None) -> QueueStats:
    """Queue depth and the wait of the longest-waiting runnable task (from when it became
    runnable: enqueued, or its `run_after` if later), read through django-tasks-db's
    partial index on ready tasks; and the failed results still in the table (a scan of
    the results kept: prune them with `manage.py prune_db_task_results`)."""
    now = now or timezone.now()
    ready = Q(status=TaskResultStatus.READY) & (Q(run_after=get_date_max()) | Q(run_after__lte=now))
    runnable_since = Case(
        When(run_after=get_date_max(), then=F("enqueued_at")),
        default=Greatest("enqueued_at", "run_after"),
    )
    row = DBTaskResult.objects.filter(ready).aggregate(n=Count("pk"), since=Min(runnable_since))
    failed = DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).count()
    oldest = (now - row["since"]).total_seconds() if row["since"] else 0.0
    return QueueStats(ready=row["n"], oldest_ready_seconds=oldest, failed=failed)

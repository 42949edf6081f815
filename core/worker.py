"""Is the task worker alive, and how far behind is it? Read by `/healthz` and `/metrics`.

With CANDID_TASKS=database the worker (`manage.py worker`) runs tasks from
django-tasks-db's table, which records no heartbeat of its own. So the health check sends
one: a no-op `worker_ping` task. The worker is alive while no ping has waited longer than
CANDID_WORKER_STALE_SECONDS, which each check reads through the table's index on ready
tasks. A new ping goes out when none is waiting, at most once per PING_EVERY (per cache:
per process with the embedded cache); only then is the last answer read and older answered
pings deleted, so the table keeps about two. The embedded default runs tasks in-process:
there is no worker to ask.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Case, Count, F, Min, Q, When
from django.db.models.functions import Greatest
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult, get_date_max

PING_PATH = "core.worker.worker_ping"
PING_EVERY = timedelta(seconds=30)
PING_SENT_KEY = "candid:worker-ping-sent"
LAST_SEEN_KEY = "candid:worker-last-seen"


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
    if waiting["since"] is None and cache.add(PING_SENT_KEY, True, PING_EVERY.total_seconds()):
        cache.set(LAST_SEEN_KEY, _last_answer(pings), None)
        worker_ping.enqueue()
    waited = (now - waiting["since"]).total_seconds() if waiting["since"] else 0.0
    return WorkerStatus(
        ok=waited <= settings.CANDID_WORKER_STALE_SECONDS,
        mode="database",
        last_seen=cache.get(LAST_SEEN_KEY),
        waiting_seconds=waited,
    )


def _last_answer(pings) -> datetime | None:
    """When the newest answered ping finished; the answered ones before it are deleted."""
    answered = pings.filter(status=TaskResultStatus.SUCCESSFUL)
    last = answered.order_by("-finished_at").values_list("finished_at", flat=True).first()
    if last:
        answered.filter(finished_at__lt=last).delete()
    return last


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

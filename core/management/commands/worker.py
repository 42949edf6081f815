"""`manage.py worker`: django-tasks-db's worker (`db_worker`, same options) plus what
Candid needs around it, in one process:

- at start, every long job whose worker died is reclaimed (core/leases.py);
- retries: a task declared `@retried(attempts=N)` (core/tasks.py) that fails before its
  last try goes back to READY after an exponential backoff instead of ending FAILED;
- a side thread that ticks every CANDID_WORKER_TICK_SECONDS (core/scheduler.py): heartbeat,
  orphaned tasks of dead workers queued again, periodic upkeep enqueued when due.

Run one or more beside the web processes with CANDID_TASKS=database (`make run` starts
one). SIGTERM/SIGINT finish the running task first, as with db_worker. `--batch` runs what
is queued and exits, without the side thread: its worker id carries no heartbeat prefix,
so no other worker takes its tasks for orphans."""

import logging
import threading
from datetime import timedelta
from functools import partial
from traceback import format_exception

from django.conf import settings
from django.core.management.base import CommandError
from django.db import close_old_connections, connection
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from core.leases import reclaim_stale_jobs
from core.scheduler import WORKER_PREFIX, worker_id_new, worker_tick
from core.tasks import retry_policy
from core.worker import tasks_in_database

logger = logging.getLogger("candid.worker")


class CandidWorker(db_worker.Worker):
    def run_task(self, db_task_result: DBTaskResult) -> None:
        """django-tasks-db records a failure with `set_failed`; before the last try that
        becomes 'ready again, later'. The try just claimed is counted in `worker_ids`."""
        policy = retry_policy(db_task_result.task_path)
        attempt = len(db_task_result.worker_ids)
        if policy and attempt < policy.attempts:
            delay = policy.delay_seconds(attempt)
            db_task_result.set_failed = partial(_retry_later, db_task_result, delay)
        super().run_task(db_task_result)


def _retry_later(result: DBTaskResult, delay: float, error: BaseException) -> None:
    """Ready again after the backoff, keeping this try's error on the row (the admin shows
    it), in one write where django-tasks-db would have written FAILED."""
    result.status = TaskResultStatus.READY
    result.run_after = timezone.now() + timedelta(seconds=delay)
    result.exception_class_path = f"{type(error).__module__}.{type(error).__qualname__}"
    result.traceback = "".join(format_exception(error))
    result.save(update_fields=["status", "run_after", "exception_class_path", "traceback"])
    logger.warning(
        "Task %s (%s) failed on try %d; next try in %.1f s",
        result.pk,
        result.task_path,
        len(result.worker_ids),
        delay,
    )


def _tick_forever(worker_id: str, stop: threading.Event) -> None:
    every = settings.CANDID_WORKER_TICK_SECONDS
    while True:
        try:
            worker_tick(worker_id=worker_id)
        except Exception:
            logger.exception("Worker tick failed")
        finally:
            close_old_connections()
        if stop.wait(every):
            connection.close()
            return


class Command(db_worker.Command):
    help = "Run background tasks and periodic upkeep (django-tasks-db worker with retries)"

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(worker_id=worker_id_new(), reload=False)

    def handle(self, *args, **options) -> None:
        if not tasks_in_database():
            raise CommandError("worker needs CANDID_TASKS=database.")
        self.configure_logging(options["verbosity"])
        self.stdout.write(f"Reclaimed stale jobs: {reclaim_stale_jobs()}")
        if options["batch"]:
            options["worker_id"] = options["worker_id"].replace(WORKER_PREFIX, "batch-", 1)
        stop = threading.Event()
        ticker = threading.Thread(
            target=_tick_forever, args=(options["worker_id"], stop), daemon=True
        )
        worker = CandidWorker(
            queue_names=options["queue_name"].split(","),
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=[q for q in options["exclude_queues"].split(",") if q],
        )
        worker.configure_signals()
        if not options["batch"]:
            ticker.start()
        try:
            worker.run()
        finally:
            stop.set()

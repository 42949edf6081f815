"""core/scheduler.py: periodic upkeep is enqueued once per interval whatever the number of
workers and restarts; tasks of a dead worker are queued again, or fail after their last
attempt."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection, connections
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.models import Schedule, WorkerBeat
from core.scheduler import (
    SCHEDULES,
    UPKEEP_TASK,
    schedules_run_due,
    tasks_orphaned_requeue,
    worker_tick,
)
from core.upkeep_tasks import upkeep_task

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


@pytest.fixture
def database_tasks(db, settings):
    settings.TASKS = DATABASE_TASKS


def enqueued() -> list[str]:
    runs = DBTaskResult.objects.filter(task_path=UPKEEP_TASK).order_by("enqueued_at")
    return sorted(r.args_kwargs["args"][0] for r in runs)


def test_a_first_start_spreads_the_upkeep_instead_of_running_it_all_at_once(database_tasks):
    assert schedules_run_due(now=T0) == [next(iter(SCHEDULES))]
    due = sorted(Schedule.objects.values_list("next_run_at", flat=True))
    assert len(set(due)) == len(SCHEDULES)


def test_two_workers_ticking_together_enqueue_each_upkeep_once(database_tasks):
    (started,) = schedules_run_due(now=T0)
    later = T0 + timedelta(hours=1)
    first, second = schedules_run_due(now=later), schedules_run_due(now=later)
    assert sorted(first) == sorted(SCHEDULES) and second == []
    assert enqueued() == sorted([*SCHEDULES, started])


def test_a_restart_runs_only_what_is_due(database_tasks):
    schedules_run_due(now=T0)
    schedules_run_due(now=T0 + timedelta(hours=1))
    before = len(enqueued())
    assert schedules_run_due(now=T0 + timedelta(hours=1, seconds=1)) == []
    five_minutes_on = schedules_run_due(now=T0 + timedelta(hours=1, minutes=5, seconds=1))
    assert sorted(five_minutes_on) == sorted(n for n, every in SCHEDULES.items() if every <= 300)
    assert len(enqueued()) == before + len(five_minutes_on)


def test_the_makefile_runs_the_worker_and_no_upkeep_loop(settings):
    makefile = (settings.BASE_DIR / "Makefile").read_text()
    run = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "manage.py worker" in run and "CANDID_TASKS=database" in run
    assert "while sleep" not in makefile


def running(worker: str, attempts: int = 1, path: str = UPKEEP_TASK) -> DBTaskResult:
    return DBTaskResult.objects.create(
        args_kwargs={"args": ["mail_prune"], "kwargs": {}},
        task_path=path,
        backend_name="default",
        status=TaskResultStatus.RUNNING,
        worker_ids=[f"earlier-{i}" for i in range(attempts - 1)] + [worker],
    )


def test_the_tasks_of_a_dead_worker_run_again_and_fail_after_their_last_attempt(
    database_tasks, settings
):
    settings.CANDID_WORKER_LOST_SECONDS = 60
    now = datetime.now(UTC)
    WorkerBeat.objects.create(worker_id="candid-alive", seen_at=now - timedelta(seconds=5))
    WorkerBeat.objects.create(worker_id="candid-dead", seen_at=now - timedelta(seconds=61))
    orphan = running("candid-dead")
    silent = running("candid-never-beat")
    busy = running("candid-alive")
    foreign = running("plain-db-worker-id")  # a db_worker without heartbeat: left alone
    exhausted = running("candid-dead", attempts=3)
    assert tasks_orphaned_requeue(now=now) == 3
    states = {
        name: DBTaskResult.objects.get(pk=task.pk).status
        for name, task in [
            ("orphan", orphan),
            ("silent", silent),
            ("busy", busy),
            ("foreign", foreign),
            ("exhausted", exhausted),
        ]
    }
    assert states == {
        "orphan": TaskResultStatus.READY,
        "silent": TaskResultStatus.READY,
        "busy": TaskResultStatus.RUNNING,
        "foreign": TaskResultStatus.RUNNING,
        "exhausted": TaskResultStatus.FAILED,
    }
    failed = DBTaskResult.objects.get(pk=exhausted.pk)
    assert failed.exception_class_path == "core.scheduler.WorkerLost"
    assert "candid-dead stopped while running this task" in failed.traceback


def test_a_tick_records_the_heartbeat(database_tasks):
    worker_tick(worker_id="candid-test", now=T0)
    assert WorkerBeat.objects.get(worker_id="candid-test").seen_at == T0


def test_the_upkeep_task_runs_only_scheduled_upkeep(database_tasks):
    with pytest.raises(ValueError, match="not a scheduled upkeep"):
        upkeep_task.call("flush")
    assert upkeep_task.call("mail_prune") == "0 sent message(s) pruned"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="threads need a server database")
@pytest.mark.django_db(transaction=True)
def test_workers_ticking_at_the_same_moment_on_postgresql_enqueue_each_run_once(settings):
    settings.TASKS = DATABASE_TASKS
    schedules_run_due(now=T0)
    DBTaskResult.objects.all().delete()
    later, workers = T0 + timedelta(hours=1), 6
    start = threading.Barrier(workers)

    def tick(_index: int) -> list[str]:
        start.wait()
        try:
            return schedules_run_due(now=later)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(workers) as pool:
        ran = [name for names in pool.map(tick, range(workers)) for name in names]
    assert sorted(ran) == sorted(SCHEDULES) == enqueued()

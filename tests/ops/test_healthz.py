"""`/healthz` checks the database, the media storage and the task worker, and says which
failed (503, JSON naming the check)."""

import json
import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.worker import PING_PATH

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def health():
    response = Client().get("/healthz")
    return response.status_code, response.json()


def test_all_checks_pass_on_the_embedded_default_and_leave_no_probe_file(db, media_dir):
    status, body = health()
    assert status == 200 and body["status"] == "ok" and body["failed"] == []
    assert body["checks"]["database"] == {"ok": True}
    assert body["checks"]["storage"] == {"ok": True}
    assert body["checks"]["worker"] == {"ok": True, "mode": "in-process"}
    assert not any(path.is_file() for path in media_dir.rglob("*"))


def test_a_storage_that_cannot_be_written_fails_the_storage_check(db, settings, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the media folder should be")
    settings.MEDIA_ROOT = blocker
    status, body = health()
    assert status == 503 and body["status"] == "failed" and body["failed"] == ["storage"]
    assert body["checks"]["storage"]["ok"] is False and body["checks"]["storage"]["error"]
    assert str(blocker) not in json.dumps(body)


def test_an_unreachable_database_fails_the_database_check(tmp_path):
    """In a fresh process whose DATABASE_URL points at a closed port."""
    code = (
        "import django, json; django.setup();"
        "from django.test import Client; r = Client().get('/healthz');"
        "print(json.dumps([r.status_code, r.json()]))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "candid.settings",
        "DATABASE_URL": "postgres://candid:none@127.0.0.1:9/candid",
        "CANDID_DATA_DIR": str(tmp_path),
        "ALLOWED_HOSTS": "testserver",
    }
    done = subprocess.run(  # noqa: S603 (our own interpreter, fixed arguments)
        [sys.executable, "-c", code],
        env=env,
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    status, body = json.loads(done.stdout.strip().splitlines()[-1])
    assert status == 503 and body["failed"] == ["database"]
    assert body["checks"]["database"] == {"ok": False, "error": "OperationalError"}
    assert body["checks"]["storage"]["ok"] is True


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = DATABASE_TASKS
    settings.CANDID_WORKER_STALE_SECONDS = 300


def run_worker():
    """The real worker, in this process; it closes the database connection when done, so
    tests that use it run outside a test transaction (transactional_db)."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")


def test_a_worker_that_does_not_answer_fails_the_worker_check(db, database_tasks, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    status, body = health()
    assert status == 200 and body["checks"]["worker"]["mode"] == "database"
    assert DBTaskResult.objects.filter(task_path=PING_PATH, status="READY").count() == 1
    time_machine.shift(timedelta(seconds=301))
    status, body = health()
    assert status == 503 and body["failed"] == ["worker"]
    assert body["checks"]["worker"]["waiting_seconds"] == 301
    assert DBTaskResult.objects.filter(task_path=PING_PATH).count() == 1  # no pile-up


def test_a_worker_that_answers_passes_and_old_pings_are_pruned(
    transactional_db, database_tasks, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    for _ in range(3):
        health()
        run_worker()
        time_machine.shift(timedelta(seconds=31))
    status, body = health()
    assert status == 200 and body["checks"]["worker"]["last_seen"] is not None
    pings = DBTaskResult.objects.filter(task_path=PING_PATH)
    assert pings.filter(status=TaskResultStatus.SUCCESSFUL).count() == 1
    assert pings.count() == 2  # the newest answer and the ping just sent


def test_pings_go_out_at_most_every_30_seconds_and_a_stuck_one_does_not_block_recovery(
    transactional_db, database_tasks, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    health()
    run_worker()
    health()  # answered just now: no new ping yet
    assert not DBTaskResult.objects.filter(task_path=PING_PATH, status="READY").exists()
    time_machine.shift(timedelta(seconds=31))
    health()
    sent = DBTaskResult.objects.get(task_path=PING_PATH, status="READY")
    sent.status = TaskResultStatus.RUNNING  # its worker was killed mid-task
    sent.save(update_fields=["status"])
    time_machine.shift(timedelta(seconds=31))
    status, body = health()
    assert status == 200
    run_worker()  # a new worker answers the fresh ping
    time_machine.shift(timedelta(seconds=31))
    status, body = health()
    assert status == 200 and body["checks"]["worker"]["waiting_seconds"] == 0
    assert DBTaskResult.objects.filter(task_path=PING_PATH, status="SUCCESSFUL").count() == 1

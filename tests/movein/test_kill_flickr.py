"""A real `manage.py worker` killed with SIGKILL in the middle of a Flickr move-in: the
run is reclaimed once its lease runs out and a new worker finishes it where it stopped,
with no photo imported twice (PostgreSQL, real processes: tests/faults)."""

import time

import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult

from photos.models import Photo, PhotoOrigin
from rights.models import ImportItem, ImportProblem
from rights.services.movein import movein_request
from tests.faults.processes import child_env, manage, manage_killed_at
from tests.faults.test_kill import LEASE, assert_clean, ok
from tests.pausing import Pause

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="kills writers: PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]
WORKER = ("worker", "--batch", "--no-startup-delay")


def test_worker_killed_mid_move_in_resumes_it_and_imports_each_photo_once(
    flickr, bob, settings, monkeypatch, tmp_path
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    streams = [open(path, "rb") for path in flickr.paths]  # noqa: SIM115
    try:
        files = [(path.name, stream) for path, stream in zip(flickr.paths, streams, strict=True)]
        run = movein_request(actor=bob, user=bob, files=files)
    finally:
        for stream in streams:
            stream.close()
    assert run.state == "queued" and not Photo.objects.filter(owner=bob).exists()
    pause = Pause(monkeypatch, tmp_path / "pause", "import.photo")
    env = child_env(tmp_path, pause, CANDID_TASKS="database", CANDID_PAUSE_SKIP="1")
    manage_killed_at(pause, *WORKER, env=env)  # killed after its second photo
    run.refresh_from_db()
    assert run.state == "running" and run.total == 8
    assert Photo.objects.filter(owner=bob).count() == 2
    time.sleep(LEASE)
    ok(manage(*WORKER, env=child_env(tmp_path, CANDID_TASKS="database")))
    run.refresh_from_db()
    assert (run.state, run.done, run.photos, run.skipped, run.attempts) == (
        "completed",
        8,
        5,
        3,
        2,
    )
    assert Photo.objects.filter(owner=bob).count() == 5  # each photo once
    origins = list(PhotoOrigin.objects.values_list("external_id", flat=True))
    assert len(origins) == len(set(origins)) == 5
    assert ImportItem.objects.filter(run=run, kind="photo").count() == 5
    assert ImportProblem.objects.filter(run=run, skipped=True).count() == 3  # listed once
    assert not DBTaskResult.objects.filter(status="RUNNING").exists(), "no task looks stuck"
    assert_clean()  # the stored zips are gone with the run

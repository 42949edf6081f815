"""A real `manage.py worker` killed with SIGKILL in the middle of a Mastodon move-in:
the new worker streams the .tar.gz again from its start, passes over what the dead one
committed and imports each photo once (PostgreSQL, real processes: tests/faults)."""

import time

import pytest
from django.db import connection

from photos.models import Photo, PhotoOrigin
from rights.models import ImportProblem
from rights.services.movein import movein_request
from tests.faults.processes import child_env, manage, manage_killed_at
from tests.faults.test_kill import LEASE, assert_clean, ok
from tests.movein.mastodon_archive import build_archive
from tests.pausing import Pause

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="kills writers: PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]
WORKER = ("worker", "--batch", "--no-startup-delay")


def test_worker_killed_mid_mastodon_move_in_resumes_it_and_imports_each_photo_once(
    bob, settings, monkeypatch, tmp_path
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    archive = build_archive(tmp_path / "mastodon")
    with open(archive, "rb") as stream:
        run = movein_request(actor=bob, user=bob, files=[(archive.name, stream)])
    assert run.state == "queued" and run.source == "mastodon"
    pause = Pause(monkeypatch, tmp_path / "pause", "import.photo")
    env = child_env(tmp_path, pause, CANDID_TASKS="database", CANDID_PAUSE_SKIP="1")
    manage_killed_at(pause, *WORKER, env=env)  # killed after its second photo
    run.refresh_from_db()
    assert run.state == "running" and run.total == 6
    assert Photo.objects.filter(owner=bob).count() == 2
    time.sleep(LEASE)
    ok(manage(*WORKER, env=child_env(tmp_path, CANDID_TASKS="database")))
    run.refresh_from_db()
    assert (run.state, run.done, run.photos, run.skipped, run.attempts) == (
        "completed",
        6,
        4,
        2,
        2,
    )
    origins = list(PhotoOrigin.objects.values_list("external_id", flat=True))
    assert len(origins) == len(set(origins)) == 4  # each photo once
    assert ImportProblem.objects.filter(run=run, skipped=True).count() == 2
    assert_clean()

"""Imports resume: a run whose process died (here a thread stopped at a pause point after
its first photo; tests/faults kills a real worker) is reclaimed once its lease runs out,
and the same archive imported again resumes it: every photo once, the account once."""

import threading
import time
from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from accounts.models import User
from photos.models import Photo
from rights.models import ImportItem, ImportRun
from tests.pausing import Pause

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def archive(alice, upload, exported, tmp_path):
    for seed in (1, 2, 3):
        upload(alice, title=f"P{seed}")
    target = tmp_path / "export.zip"
    with default_storage.open(exported(alice).file, "rb") as stored:
        target.write_bytes(stored.read())
    return str(target)


def import_in_a_thread(path, errors: list) -> threading.Thread:
    def run():
        try:
            call_command("import_archive", path, "--username", "copy", "--create-user")
        except CommandError as exc:
            errors.append(str(exc))
        finally:
            connection.close()

    worker = threading.Thread(target=run)
    worker.start()
    return worker


def titles() -> list[str]:
    return sorted(Photo.objects.filter(owner__username="copy").values_list("title", flat=True))


def test_a_dead_import_is_resumed_by_running_it_again_and_adds_each_photo_once(
    archive, monkeypatch, tmp_path, settings
):
    settings.CANDID_JOB_LEASE_SECONDS = 1
    pause = Pause(monkeypatch, tmp_path / "pause", "import.photo")
    errors: list = []
    stuck = import_in_a_thread(archive, errors)
    assert pause.reached(), "stopped after the first photo"
    assert titles() == ["P1"]
    run = ImportRun.objects.get()
    assert (run.state, run.done, run.total) == ("running", 1, 3)
    time.sleep(1.2)

    out = StringIO()
    call_command("import_archive", archive, "--username", "copy", "--create-user", stdout=out)

    assert "3 photos" in out.getvalue()
    assert titles() == ["P1", "P2", "P3"]
    assert User.objects.filter(username="copy").count() == 1
    run.refresh_from_db()
    assert (run.state, run.done, run.photos, run.attempts) == ("completed", 3, 3, 2)
    assert ImportItem.objects.filter(run=run, kind="photo").count() == 3
    assert run.archive == "" and not default_storage.listdir("imports")[1]
    pause.go()
    stuck.join(20)
    assert not errors and titles() == ["P1", "P2", "P3"]  # the old run found its lease gone


def test_an_import_running_now_is_not_started_twice(archive, monkeypatch, tmp_path):
    pause = Pause(monkeypatch, tmp_path / "pause", "import.photo")
    errors: list = []
    first = import_in_a_thread(archive, errors)
    assert pause.reached()
    out = StringIO()
    call_command("import_archive", archive, "--username", "copy", stdout=out)
    assert "is running: 1 of 3 photos" in out.getvalue()
    assert ImportRun.objects.count() == 1 and titles() == ["P1"]
    pause.go()
    first.join(20)
    assert not errors and titles() == ["P1", "P2", "P3"]
    assert ImportRun.objects.get().state == "completed"

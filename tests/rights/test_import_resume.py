"""Issue 13, defect 1 for imports: a run of `import_archive` whose process died is
reclaimed as interrupted, and running the same archive again imports every photo once.
The dead process is a thread stopped at a pause point (tests/faults kills a real one)."""

import threading
import time

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from accounts.models import User
from photos.models import Photo
from rights.models import ImportRun
from rights.services.imports import INTERRUPTED
from rights.services.upkeep import rights_upkeep
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


def import_in_a_worker(path, errors: list) -> threading.Thread:
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


def test_an_interrupted_import_is_reclaimed_and_run_again_imports_each_photo_once(
    archive, monkeypatch, tmp_path, settings
):
    settings.CANDID_JOB_LEASE_SECONDS = 1
    monkeypatch.setenv("CANDID_PAUSE_SKIP", "3")  # profile, photos.json, first photo
    pause = Pause(monkeypatch, tmp_path / "pause", "import.entry")
    errors: list = []
    worker = import_in_a_worker(archive, errors)
    assert pause.reached(), "stopped before the second photo"
    monkeypatch.delenv("CANDID_PAUSE_SKIP")
    assert Photo.objects.filter(owner__username="copy").count() == 1
    time.sleep(1.2)
    assert rights_upkeep()["jobs_reclaimed"] == 1
    dead = ImportRun.objects.get()
    assert dead.state == "interrupted" and dead.error == INTERRUPTED

    call_command("import_archive", archive, "--username", "copy", "--create-user")

    assert Photo.objects.filter(owner__username="copy").count() == 3
    assert sorted(Photo.objects.filter(owner__username="copy").values_list("title", flat=True)) == [
        "P1",
        "P2",
        "P3",
    ]
    assert User.objects.filter(username="copy").count() == 1
    dead.refresh_from_db()
    assert dead.state == "undone" and dead.photos == 1
    pause.go()
    worker.join(20)
    assert errors and "reclaimed" in errors[0]
    assert Photo.objects.filter(owner__username="copy").count() == 3


def test_an_import_running_now_is_not_started_twice(archive, monkeypatch, tmp_path):
    pause = Pause(monkeypatch, tmp_path / "pause", "import.entry")
    errors: list = []
    worker = import_in_a_worker(archive, errors)
    assert pause.reached()
    with pytest.raises(CommandError, match="running already|exists already"):
        call_command("import_archive", archive, "--username", "copy")
    pause.go()
    worker.join(20)
    assert not errors
    assert Photo.objects.filter(owner__username="copy").count() == 3
    assert ImportRun.objects.get().state == "completed"

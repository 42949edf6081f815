"""Issue 13, defect 1: an export whose worker died must not stay "building" for ever.
The worker here is a thread stopped at a pause point and never resumed in time (the
fault tests in tests/faults kill a real process instead)."""

import threading
import time

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from api.schemas.rights_data import present_export
from core.errors import ServiceError
from rights.models import DataExport
from rights.services.exports import INTERRUPTED, export_request
from rights.services.media import media_check
from rights.services.upkeep import rights_upkeep
from tests.pausing import Pause, files_under

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def short_lease(settings):
    settings.CANDID_JOB_LEASE_SECONDS = 1
    return 1


def request_in_a_worker(user) -> threading.Thread:
    """export_request whose build (run at commit, in-process) happens in another thread."""

    def run():
        try:
            export_request(actor=user, user=user)
        finally:
            connection.close()

    worker = threading.Thread(target=run)
    worker.start()
    return worker


def test_a_dead_build_is_failed_with_a_message_and_a_new_export_works(
    alice, upload, monkeypatch, tmp_path, media_dir, short_lease, client
):
    upload(alice)
    pause = Pause(monkeypatch, tmp_path / "pause", "export.building")
    worker = request_in_a_worker(alice)
    assert pause.reached()
    stuck = DataExport.objects.get(user=alice)
    assert stuck.state == "building" and stuck.lease_owner
    with pytest.raises(ServiceError, match="already being prepared"):
        export_request(actor=alice, user=alice)
    time.sleep(short_lease + 0.2)
    assert rights_upkeep()["jobs_reclaimed"] == 1
    stuck.refresh_from_db()
    assert stuck.state == "failed" and stuck.error == INTERRUPTED and not stuck.lease_owner
    client.force_login(alice)
    assert INTERRUPTED in client.get(reverse("your_data")).content.decode()
    assert present_export(None, stuck)["error"] == INTERRUPTED
    fresh = export_request(actor=alice, user=alice)
    fresh.refresh_from_db()
    assert fresh.state == "ready"
    pause.go()
    worker.join(20)
    stuck.refresh_from_db()
    assert stuck.state == "failed", "the late worker must not overwrite the reclaimed export"
    assert files_under(media_dir / "exports") == [fresh.file.removeprefix("exports/")]


def test_a_build_killed_after_storing_its_archive_leaves_no_file(
    alice, upload, monkeypatch, tmp_path, media_dir, short_lease
):
    upload(alice)
    pause = Pause(monkeypatch, tmp_path / "pause", "export.stored")
    worker = request_in_a_worker(alice)
    assert pause.reached()
    assert files_under(media_dir / "exports"), "the archive was stored before the pause"
    time.sleep(short_lease + 0.2)
    rights_upkeep()
    assert files_under(media_dir / "exports") == []
    assert media_check().ok
    pause.go()
    worker.join(20)
    assert DataExport.objects.get(user=alice).state == "failed"
    assert files_under(media_dir / "exports") == []


def test_asking_again_after_the_lease_ran_out_works_without_upkeep(
    alice, monkeypatch, tmp_path, short_lease
):
    pause = Pause(monkeypatch, tmp_path / "pause", "export.building")
    worker = request_in_a_worker(alice)
    assert pause.reached()
    time.sleep(short_lease + 0.2)
    fresh = export_request(actor=alice, user=alice)
    fresh.refresh_from_db()
    assert fresh.state == "ready"
    assert DataExport.objects.get(state="failed").error == INTERRUPTED
    pause.go()
    worker.join(20)


def test_the_worker_reclaims_stale_jobs_when_it_starts(
    alice, monkeypatch, tmp_path, settings, short_lease
):
    pause = Pause(monkeypatch, tmp_path / "pause", "export.building")
    worker = request_in_a_worker(alice)
    assert pause.reached()
    time.sleep(short_lease + 0.2)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    call_command("worker", batch=True, startup_delay=False)
    assert DataExport.objects.get(user=alice).state == "failed"
    pause.go()
    worker.join(20)

"""Issue 13: an erasure during an export, on PostgreSQL with two real connections.
Exactly one wins: either the export is finished first and the erasure deletes its
archive, or the erasure is first and the export discards what it built. Either way no
archive of the erased account is left and nothing is counted twice."""

import threading

import pytest
from django.db import connection

from core.models import Event
from rights.models import DataExport, ErasureRequest
from rights.services.erasure import erasure_carry_out, erasure_request
from rights.services.exports import export_request
from rights.services.media import media_check
from tests.pausing import Pause, files_under

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


def in_thread(fn) -> threading.Thread:
    def run():
        try:
            fn()
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def erase(user) -> ErasureRequest:
    request = erasure_request(actor=user, user=user)
    return erasure_carry_out(request_id=request.pk)


def exports_deleted_by_erasure() -> list[int]:
    steps = Event.objects.filter(kind="rights.erasure_step", data__section="rights")
    return [step.data["exports_deleted"] for step in steps]


def test_an_erasure_before_the_export_is_finished_wins_and_no_archive_is_left(
    alice, upload, monkeypatch, tmp_path, media_dir, caplog
):
    upload(alice)
    pause = Pause(monkeypatch, tmp_path / "pause", "export.stored")
    builder = in_thread(lambda: export_request(actor=alice, user=alice))
    assert pause.reached()
    assert files_under(media_dir / "exports"), "the archive is stored, not yet ready"
    assert erase(alice).state == "completed"
    pause.go()
    builder.join(20)
    assert files_under(media_dir / "exports") == []
    assert not DataExport.objects.exists()
    assert exports_deleted_by_erasure() == [1]
    assert not Event.objects.filter(kind="rights.export_ready").exists()
    assert "erased while building" in caplog.text
    assert media_check().ok


def test_an_export_finishing_first_wins_and_the_erasure_deletes_its_archive(
    alice, upload, monkeypatch, tmp_path, media_dir
):
    upload(alice)
    pause = Pause(monkeypatch, tmp_path / "pause", "event:rights.export_ready")
    builder = in_thread(lambda: export_request(actor=alice, user=alice))
    assert pause.reached(), "the build is inside its final transaction"
    done = []
    eraser = in_thread(lambda: done.append(erase(alice).state))
    eraser.join(0.7)
    assert eraser.is_alive(), "the erasure waits for the export row"
    pause.go()
    builder.join(20)
    eraser.join(20)
    assert done == ["completed"]
    assert files_under(media_dir / "exports") == []
    assert exports_deleted_by_erasure() == [1]
    assert Event.objects.filter(kind="rights.export_ready").count() == 1
    assert media_check().ok


def test_two_upkeep_runs_carry_out_one_erasure_once(alice, upload, monkeypatch, tmp_path):
    upload(alice)
    request = erasure_request(actor=alice, user=alice)
    pause = Pause(monkeypatch, tmp_path / "pause", "event:rights.erasure_completed")
    first = in_thread(lambda: erasure_carry_out(request_id=request.pk))
    assert pause.reached(), "the first run is about to commit"
    second = in_thread(lambda: erasure_carry_out(request_id=request.pk))
    second.join(0.5)
    pause.go()
    first.join(20)
    second.join(20)
    assert Event.objects.filter(kind="rights.erasure_completed").count() == 1
    assert Event.objects.filter(kind="rights.erasure_step", data__section="photos").count() == 1

"""Issue 13, fault tests: a real process is killed with SIGKILL in the middle of an
export, an import, an erasure, a moderation decision, a release build, a withdrawal's
propagation and an upload, each stopped at a named pause point first (core.faults) so
"the middle" is always the same moment. Afterwards: no orphaned file or row
(`media_check`, after the upkeep that sweeps what a killed process stored without a row),
no job stuck, the event log verifies, and the next attempt works.

PostgreSQL only (a killed writer must not hold SQLite's one lock); `make test` runs them
in its PostgreSQL pass."""

import time

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django_tasks_db.models import DBTaskResult

from consent.models import DeletionNotice, DeletionNoticeItem, Propagation, Release
from moderation.models import Decision
from rights.models import DataExport, ErasureRequest, ImportRun
from rights.services.erasure import erasure_request
from rights.services.exports import INTERRUPTED, export_request
from rights.services.media import media_check
from tests.faults.processes import child_env, manage, manage_killed_at
from tests.pausing import Pause, files_under

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="kills writers: PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]
LEASE = 1.1  # the children's CANDID_JOB_LEASE_SECONDS is 1


def assert_clean() -> None:
    """No orphaned file or row, no job stuck, the event chain has no gap."""
    report = media_check()
    assert report.ok, f"orphans {report.orphans}, missing {report.missing}"
    assert not DataExport.objects.filter(state__in=("requested", "building")).exists()
    assert not ImportRun.objects.filter(state="running").exists()
    assert not ErasureRequest.objects.filter(state="erasing").exists()
    assert not Release.objects.filter(state="draft").exists()
    assert not Propagation.objects.filter(state__in=("queued", "running")).exists()
    call_command("verify_event_log")


def ok(result) -> str:
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture
def pause_at(monkeypatch, tmp_path):
    return lambda name: Pause(monkeypatch, tmp_path / "pause", name)


def test_export_worker_killed_mid_build(alice, upload, settings, tmp_path, media_dir, pause_at):
    upload(alice)
    immediate = settings.TASKS
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    export_request(actor=alice, user=alice)
    pause = pause_at("export.stored")
    worker = ("worker", "--batch", "--no-startup-delay")
    manage_killed_at(pause, *worker, env=child_env(tmp_path, pause, CANDID_TASKS="database"))
    assert DataExport.objects.get().state == "building"
    assert files_under(media_dir / "exports"), "killed after storing its archive"
    time.sleep(LEASE)
    ok(manage(*worker, env=child_env(tmp_path, CANDID_TASKS="database")))  # reclaims first
    dead = DataExport.objects.get()
    assert dead.state == "failed" and dead.error == INTERRUPTED
    assert files_under(media_dir / "exports") == []
    assert not DBTaskResult.objects.filter(status="RUNNING").exists(), "no task looks stuck"
    settings.TASKS = immediate
    fresh = export_request(actor=alice, user=alice)
    fresh.refresh_from_db()
    assert fresh.state == "ready" and default_storage.exists(fresh.file)
    assert_clean()


def test_import_killed_between_two_photos(alice, upload, exported, tmp_path, pause_at):
    upload(alice, title="One")
    upload(alice, title="Two")
    archive = tmp_path / "export.zip"
    with default_storage.open(exported(alice).file, "rb") as stored:
        archive.write_bytes(stored.read())
    args = ("import_archive", str(archive), "--username", "copy", "--create-user")
    pause = pause_at("import.photo")  # the first photo is committed
    manage_killed_at(pause, *args, env=child_env(tmp_path, pause))
    assert alice.__class__.objects.get(username="copy").photos.count() == 1
    assert ImportRun.objects.get().state == "running"
    time.sleep(LEASE)
    ok(manage(*args, env=child_env(tmp_path)))  # reclaims the dead run, which resumes
    run = ImportRun.objects.get()
    assert (run.state, run.photos, run.attempts) == ("completed", 2, 2)
    titles = alice.__class__.objects.get(username="copy").photos.values_list("title", flat=True)
    assert sorted(titles) == ["One", "Two"]
    assert_clean()


def test_erasure_killed_mid_way(alice, upload, settings, tmp_path, media_dir, pause_at):
    upload(alice)
    upload(alice)
    settings.CANDID_ERASURE_GRACE_DAYS = 0
    request = erasure_request(actor=alice, user=alice)
    pause = pause_at("event:rights.erasure_step")
    manage_killed_at(pause, "rights_upkeep", env=child_env(tmp_path, pause))
    request.refresh_from_db()
    assert request.state == "scheduled" and alice.photos.count() == 2
    assert_clean()
    ok(manage("rights_upkeep", env=child_env(tmp_path)))
    request.refresh_from_db()
    assert request.state == "completed"
    assert files_under(media_dir / "originals") == []
    assert_clean()


DECIDE = """
from accounts.models import User
from moderation.models import Case
from moderation.services.decisions import DecisionInput, decision_issue
case = Case.objects.get(pk={case})
decision_issue(case=case, moderator=User.objects.get(pk={mod}), expected_version=case.version,
    data=DecisionInput(action="remove", ground="rules", rule_code="harassment",
    rule_explanation="Names and mocks a private person.", facts="Reported; names a person."))
"""


def test_moderation_decision_killed_mid_way(photo, report, mod, decide, tmp_path, pause_at):
    case = report(photo).case
    pause = pause_at("event:moderation.decision_applied")
    code = DECIDE.format(case=case.pk, mod=mod.pk)
    manage_killed_at(pause, "shell", "-c", code, env=child_env(tmp_path, pause))
    assert not Decision.objects.exists()
    orphans = media_check().orphans
    assert all(path.startswith("evidence/") for path in orphans)
    ok(manage("rights_upkeep", env=child_env(tmp_path, CANDID_ORPHAN_GRACE_SECONDS="0")))
    assert_clean()
    decide(case)
    assert Decision.objects.count() == 1
    assert_clean()


def test_release_build_killed_mid_way(dataset, consenting, tmp_path, pause_at):
    consenting()
    consenting()
    pause = pause_at("release.frozen")
    manage_killed_at(pause, "release_build", dataset.name, env=child_env(tmp_path, pause))
    assert not Release.objects.exists()
    assert_clean()
    assert "2 rows" in ok(manage("release_build", dataset.name, env=child_env(tmp_path)))
    assert Release.objects.get().number == 1
    assert_clean()


WITHDRAW = """
from accounts.models import User
from consent.services.consent import consent_withdraw
consent_withdraw(actor=User.objects.get(pk={user}))
"""


def test_withdrawal_propagation_killed_mid_way(
    admin, dataset, consenting, alice, tmp_path, pause_at
):
    from tests.consent.releases_support import download, licensee_with, published

    photos = [consenting(), consenting()]
    release = published(admin, dataset)
    lab, _ = licensee_with(admin, dataset, "Lab One")
    download(lab, release)
    pause = pause_at("event:deletion_notice.sent")
    code = WITHDRAW.format(user=alice.pk)
    manage_killed_at(pause, "shell", "-c", code, env=child_env(tmp_path, pause))
    assert not DeletionNotice.objects.exists(), "the withdrawal committed, its notice did not"
    assert Propagation.objects.get().state == "running"
    ok(manage("deletion_reminders", env=child_env(tmp_path)))
    call_command("deletion_reminders")  # once more: nothing is sent twice
    assert DeletionNotice.objects.count() == 1
    time.sleep(LEASE)
    ok(manage("rights_upkeep", env=child_env(tmp_path)))  # reclaims the run, which resumes
    assert Propagation.objects.get().state == "completed"
    assert DeletionNotice.objects.count() == 1
    items = DeletionNoticeItem.objects.values_list("photo_ref", flat=True)
    assert sorted(items) == sorted(p.pk for p in photos)
    assert_clean()

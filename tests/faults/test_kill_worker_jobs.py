"""Issue 14, background work: a real `manage.py worker` is killed with SIGKILL in the
middle of a consent propagation and of an archive import, each stopped at a named pause
point after a committed step (core.faults). The member's page shows the progress the
dead worker had reached; after the lease runs out the next worker reclaims the job and
finishes it where it stopped, with no photo imported twice and no notice sent twice.

PostgreSQL only (a killed writer must not hold SQLite's one lock)."""

import time

import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from consent.models import DeletionNotice, DeletionNoticeItem, Propagation
from consent.services.consent import consent_withdraw
from core.models import OutgoingMail
from photos.models import Photo
from rights.models import ImportItem
from rights.services.imports import archive_import_request
from tests.faults.processes import child_env, manage, manage_killed_at
from tests.faults.test_kill import LEASE, assert_clean, ok
from tests.pausing import Pause

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="kills writers: PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]
WORKER = ("worker", "--batch", "--no-startup-delay")


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def worker_env(tmp_path, pause=None, **extra):
    return child_env(tmp_path, pause, CANDID_TASKS="database", **extra)


def test_worker_killed_mid_propagation_resumes_it_without_a_second_notice(
    admin, dataset, consenting, alice, client, database_tasks, monkeypatch, tmp_path
):
    from tests.consent.releases_support import PURPOSE, download, licensee_with, published

    photos = [consenting(), consenting(), consenting()]
    lab, _ = licensee_with(admin, dataset, "Lab One")
    download(lab, published(admin, dataset))
    consent_withdraw(actor=alice, purposes=[PURPOSE])
    assert Propagation.objects.get().state == "queued" and not DeletionNotice.objects.exists()
    pause = Pause(monkeypatch, tmp_path / "pause", "propagation.step")
    env = worker_env(tmp_path, pause, CANDID_PAUSE_SKIP="1", CANDID_PROPAGATION_STEP="1")
    manage_killed_at(pause, *WORKER, env=env)  # killed after its second step
    run = Propagation.objects.get()
    assert (run.state, run.done, run.total) == ("running", 2, 3)
    client.force_login(alice)
    assert "2 of 3 photos checked" in client.get(reverse("consent_settings")).content.decode()
    time.sleep(LEASE)
    ok(manage(*WORKER, env=worker_env(tmp_path, CANDID_PROPAGATION_STEP="1")))
    run.refresh_from_db()
    assert (run.state, run.done, run.attempts) == ("completed", 3, 2)
    items = sorted(DeletionNoticeItem.objects.values_list("photo_ref", flat=True))
    assert items == sorted(p.pk for p in photos)  # each photo once
    notices = DeletionNotice.objects.count()
    assert notices == 3 == OutgoingMail.objects.filter(purpose__contains="deletion").count()
    assert not DBTaskResult.objects.filter(status="RUNNING").exists(), "no task looks stuck"
    assert "photos checked" not in client.get(reverse("consent_settings")).content.decode()
    assert_clean()


def test_worker_killed_mid_import_resumes_it_and_imports_each_photo_once(
    alice, bob, upload, exported, client, settings, monkeypatch, tmp_path
):
    for title in ("One", "Two", "Three"):
        upload(alice, title=title)
    export = exported(alice)  # built in-process
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with default_storage.open(export.file, "rb") as archive:
        run = archive_import_request(actor=bob, user=bob, file=archive)
    assert run.state == "queued" and not Photo.objects.filter(owner=bob).exists()
    pause = Pause(monkeypatch, tmp_path / "pause", "import.photo")
    manage_killed_at(pause, *WORKER, env=worker_env(tmp_path, pause, CANDID_PAUSE_SKIP="1"))
    run.refresh_from_db()
    assert (run.state, run.done, run.total) == ("running", 2, 3)
    client.force_login(bob)
    assert "2 of 3 photos imported." in client.get(reverse("imports")).content.decode()
    time.sleep(LEASE)
    ok(manage(*WORKER, env=worker_env(tmp_path)))
    run.refresh_from_db()
    assert (run.state, run.done, run.photos, run.attempts) == ("completed", 3, 3, 2)
    titles = sorted(Photo.objects.filter(owner=bob).values_list("title", flat=True))
    assert titles == ["One", "Three", "Two"]  # each photo once
    assert ImportItem.objects.filter(run=run, kind="photo").count() == 3
    assert not DBTaskResult.objects.filter(status="RUNNING").exists(), "no task looks stuck"
    assert "Finished: 3 photos imported." in client.get(reverse("imports")).content.decode()
    assert_clean()  # the stored archive is gone with the run

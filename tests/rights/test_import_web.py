"""Importing an archive from the "Your data" pages: the request only checks, stores and
queues it; the task worker imports it (in-process here: at once after commit); the page
shows the progress while it runs, refreshing itself; a damaged archive fails with a clear
message and changes nothing."""

import threading

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from photos.models import Album, Photo
from photos.services import album_create, album_set_photos
from rights.models import ImportRun
from rights.services.import_run import archive_import_run
from tests.pausing import Pause

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def archive_bytes(alice, upload, exported):
    """Alice's export: two photos in one album."""
    photos = [upload(alice, title="Pier"), upload(alice, title="Gull")]
    album = album_create(owner=alice, title="Seaside")
    album_set_photos(actor=alice, album=album, photo_ids=[p.pk for p in photos])
    with default_storage.open(exported(alice).file, "rb") as stored:
        return stored.read()


def zip_file(data: bytes, name: str = "export.zip") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, "application/zip")


def stored_archives() -> list[str]:
    """Every file under imports/ in storage."""
    try:
        folders, files = default_storage.listdir("imports")
    except FileNotFoundError:
        return []
    return files + [f for d in folders for f in default_storage.listdir(f"imports/{d}")[1]]


def page(client, **headers) -> str:
    return client.get(reverse("imports"), **headers).content.decode()


@pytest.mark.django_db
def test_a_member_imports_an_archive_and_the_page_says_what_was_imported(
    archive_bytes, bob, client, django_capture_on_commit_callbacks
):
    client.force_login(bob)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("imports"), {"archive": zip_file(archive_bytes)})
    assert response.status_code == 302
    run = ImportRun.objects.get(user=bob)
    assert (run.state, run.done, run.total, run.photos, run.albums) == ("completed", 2, 2, 2, 1)
    assert sorted(Photo.objects.filter(owner=bob).values_list("title", flat=True)) == [
        "Gull",
        "Pier",
    ]
    assert Album.objects.get(owner=bob).entries.count() == 2
    assert run.archive == "" and stored_archives() == []
    text = page(client)
    assert "Finished: 2 photos imported." in text and 'http-equiv="refresh"' not in text
    assert "Fertig: 2 Fotos importiert." in page(client, HTTP_ACCEPT_LANGUAGE="de")
    assert reverse("imports") in client.get(reverse("your_data")).content.decode()


@pytest.mark.django_db
def test_the_request_only_queues_and_the_page_refreshes_while_waiting(
    archive_bytes, bob, client, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_TASKS
    client.force_login(bob)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("imports"), {"archive": zip_file(archive_bytes)})
    run = ImportRun.objects.get(user=bob)
    assert run.state == "queued" and default_storage.exists(run.archive)
    assert not Photo.objects.filter(owner=bob).exists()
    task = DBTaskResult.objects.get(task_path="rights.tasks.archive_import_task")
    assert task.status == "READY" and task.args_kwargs["args"] == [run.pk]
    text = page(client)
    assert "Waiting for the worker" in text and 'http-equiv="refresh"' in text
    german = page(client, HTTP_ACCEPT_LANGUAGE="de")
    assert "Warten auf den Hintergrunddienst" in german
    again = client.post(reverse("imports"), {"archive": zip_file(archive_bytes)})
    assert again.status_code == 400 and "under way already" in again.content.decode()
    assert ImportRun.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_progress_is_visible_on_the_page_while_the_worker_imports(
    archive_bytes, bob, client, settings, monkeypatch, tmp_path
):
    settings.TASKS = DATABASE_TASKS
    client.force_login(bob)
    client.post(reverse("imports"), {"archive": zip_file(archive_bytes)})
    run = ImportRun.objects.get(user=bob)
    pause = Pause(monkeypatch, tmp_path / "pause", "import.photo")

    def work():
        try:
            archive_import_run(import_id=run.pk)
        finally:
            connection.close()

    worker = threading.Thread(target=work)
    worker.start()
    assert pause.reached(), "the worker committed its first photo"
    text = page(client)
    assert "1 of 2 photos imported." in text and 'http-equiv="refresh"' in text
    assert '<progress max="2" value="1">' in text
    assert "1 von 2 Fotos importiert." in page(client, HTTP_ACCEPT_LANGUAGE="de")
    pause.go()
    worker.join(30)
    assert "Finished: 2 photos imported." in page(client)


@pytest.mark.django_db
def test_a_file_that_is_no_archive_is_refused_and_nothing_is_stored(bob, client, tmp_path):
    client.force_login(bob)
    response = client.post(reverse("imports"), {"archive": zip_file(b"not a zip at all")})
    assert response.status_code == 400
    assert "not a ZIP archive" in response.content.decode()
    german = client.post(
        reverse("imports"), {"archive": zip_file(b"PK junk")}, HTTP_ACCEPT_LANGUAGE="de"
    )
    assert "keine ZIP-Datei" in german.content.decode()
    assert not ImportRun.objects.exists() and stored_archives() == []


@pytest.mark.django_db
def test_a_damaged_archive_fails_with_a_clear_message_and_changes_nothing(
    alice, archive_bytes, bob, client, django_capture_on_commit_callbacks
):
    original = Photo.objects.filter(owner=alice).first()
    with default_storage.open(original.original, "rb") as stored:
        photo_bytes = stored.read()
    at = archive_bytes.index(photo_bytes) + len(photo_bytes) // 2
    damaged = archive_bytes[:at] + bytes([archive_bytes[at] ^ 0xFF]) + archive_bytes[at + 1 :]
    client.force_login(bob)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("imports"), {"archive": zip_file(damaged)})
    run = ImportRun.objects.get(user=bob)
    assert run.state == "failed" and run.error.startswith("The archive is damaged")
    assert not Photo.objects.filter(owner=bob).exists()
    assert not Album.objects.filter(owner=bob).exists()
    assert run.archive == "" and run.done == 0 and stored_archives() == []
    assert "The archive is damaged" in page(client)
    assert "Das Archiv ist beschädigt" in page(client, HTTP_ACCEPT_LANGUAGE="de")


@pytest.mark.django_db
def test_the_import_page_takes_archives_over_the_photo_limit_up_to_its_own(
    archive_bytes, bob, client, settings, django_capture_on_commit_callbacks
):
    settings.CANDID_MAX_UPLOAD_BYTES = len(archive_bytes) // 2
    settings.CANDID_MAX_IMPORT_BYTES = len(archive_bytes) + 1
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024  # streamed to a temporary file
    client.force_login(bob)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("imports"), {"archive": zip_file(archive_bytes)})
    assert response.status_code == 302 and Photo.objects.filter(owner=bob).count() == 2
    settings.CANDID_MAX_IMPORT_BYTES = len(archive_bytes) // 2
    refused = client.post(reverse("imports"), {"archive": zip_file(archive_bytes)})
    assert refused.status_code == 413


@pytest.mark.django_db
def test_an_archive_over_the_quota_fails_with_its_reason_and_removes_what_it_added(
    archive_bytes, bob, client, upload, django_capture_on_commit_callbacks
):
    from accounts.models import PlanPolicy

    own = upload(bob, title="Mine")
    PlanPolicy.objects.update_or_create(plan=bob.plan, defaults={"photo_quota": 2})
    client.force_login(bob)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("imports"), {"archive": zip_file(archive_bytes)})
    run = ImportRun.objects.get(user=bob)
    assert run.state == "failed" and "more photos than your plan allows" in run.error
    assert list(Photo.objects.filter(owner=bob)) == [own]  # the one import added is gone
    assert "mehr Fotos, als Ihr Tarif erlaubt" in page(client, HTTP_ACCEPT_LANGUAGE="de")


@pytest.mark.django_db
def test_a_suspended_member_cannot_import(archive_bytes, bob, client):
    from datetime import timedelta

    from django.utils import timezone

    bob.suspended_until = timezone.now() + timedelta(days=3)
    bob.save()
    client.force_login(bob)
    response = client.post(reverse("imports"), {"archive": zip_file(archive_bytes)})
    assert response.status_code == 400 and "suspended" in response.content.decode()
    assert not ImportRun.objects.exists() and stored_archives() == []

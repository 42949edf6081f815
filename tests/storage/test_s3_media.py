"""Candid's media on S3 (`CANDID_STORAGE=s3`), against a real moto server: what is
written lands in the bucket, is served back from it, and what must disappear is gone
from the bucket's own listing afterwards."""

import io
import zipfile

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from storages.backends.s3 import S3Storage

from accounts.models import User
from accounts.services import profile_update
from photos.models import Photo
from photos.samples import sample_jpeg
from photos.services import photo_delete, photo_update
from rights.models import ImportRun
from rights.services.import_run import archive_import_run
from rights.services.media import media_check


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def files_of(photo: Photo) -> set[str]:
    return {photo.original, *photo.renditions.values_list("file", flat=True)}


def test_uploads_and_renditions_are_stored_in_and_served_from_the_bucket(alice, upload, listed):
    assert type(storages["default"]) is S3Storage
    photo = upload(alice, visibility="private")
    keys = files_of(photo)
    assert len(keys) > 2 and listed() == keys
    owner = signed_in(alice)
    served = owner.get(reverse("rendition", args=[photo.pk, "large"]))
    assert served.status_code == 200 and served.content[:2] == b"\xff\xd8"
    original = owner.get(reverse("original", args=[photo.pk]))  # a presigned redirect
    assert original.status_code == 302 and photo.original in original["Location"]
    assert Client().get(reverse("rendition", args=[photo.pk, "large"])).status_code == 404


def test_avatar_is_stored_served_and_the_replaced_one_deleted(
    alice, uploaded_file, listed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        profile_update(user=alice, display_name="A", bio="", avatar_file=uploaded_file())
    first = User.objects.get(pk=alice.pk).avatar
    assert listed() == {first}
    served = Client().get(reverse("avatar", args=[alice.pk]))
    assert b"".join(served.streaming_content)[:2] == b"\xff\xd8"
    with django_capture_on_commit_callbacks(execute=True):
        profile_update(user=alice, display_name="A", bio="", avatar_file=uploaded_file())
    second = User.objects.get(pk=alice.pk).avatar
    assert second != first and listed() == {second}


def test_export_is_written_to_the_bucket_downloaded_and_imported(
    alice, bob, upload, exported, listed, settings, django_capture_on_commit_callbacks
):
    photo = upload(alice, data=sample_jpeg(320, 240, seed=7), title="Pier")
    export = exported(alice)
    assert export.file in listed()
    response = signed_in(alice).get(reverse("export_download", args=[export.token]))
    archive = b"".join(response.streaming_content)
    assert zipfile.ZipFile(io.BytesIO(archive)).testzip() is None
    before = listed()
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    upload_form = {"archive": SimpleUploadedFile("export.zip", archive, "application/zip")}
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(bob).post(reverse("imports"), upload_form)
    run = ImportRun.objects.get(user=bob)
    assert listed() == before | {run.archive}  # queued: the archive waits in the bucket

    with django_capture_on_commit_callbacks(execute=True):
        archive_import_run(import_id=run.pk)  # what the worker does

    copy = Photo.objects.get(owner=bob)
    assert copy.sha256 == photo.sha256
    assert listed() == before | files_of(copy)  # the archive is gone from the bucket
    with default_storage.open(copy.original, "rb") as stored:
        assert stored.read()[:2] == b"\xff\xd8"


def test_media_check_lists_orphans_and_missing_files_in_the_bucket(alice, upload, exported):
    photo = upload(alice)
    exported(alice)
    assert media_check().ok
    orphan = default_storage.save("renditions/zzz/large.jpg", ContentFile(b"x"))
    default_storage.delete(photo.original)
    report = media_check()
    assert report.orphans == [orphan] and report.missing == [photo.original]


def test_a_deleted_photo_leaves_nothing_in_the_bucket(
    alice, bob, upload, listed, django_capture_on_commit_callbacks
):
    gone = upload(alice)
    kept = upload(bob)
    with django_capture_on_commit_callbacks(execute=True):
        photo_delete(actor=alice, photo=gone)
    assert listed() == files_of(kept)


def test_rebuilt_renditions_replace_the_old_ones_in_the_bucket(
    alice, upload, listed, django_capture_on_commit_callbacks
):
    photo = upload(alice, show_location=False)
    old = files_of(photo) - {photo.original}
    with django_capture_on_commit_callbacks(execute=True):
        photo_update(
            actor=alice,
            photo=photo,
            title=photo.title,
            description="",
            tags="",
            licence=photo.licence,
            visibility=photo.visibility,
            show_location=True,
        )
    new = files_of(photo) - {photo.original}
    assert new and not new & old
    assert listed() == {photo.original, *new}

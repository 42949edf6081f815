import pytest
from PIL import ExifTags, Image

from core.errors import PermissionDenied
from core.models import Event
from photos.models import Photo, Rendition
from photos.services import photo_delete, photo_update


def edit(photo, actor, **changes):
    fields = dict(
        title=photo.title,
        description=photo.description,
        tags="",
        licence=photo.licence,
        visibility=photo.visibility,
        show_location=photo.show_location,
    )
    return photo_update(actor=actor, photo=photo, **{**fields, **changes})


def test_owner_edits_fields_and_tags(alice, upload):
    photo = upload(alice, tags="old")
    edit(photo, alice, title="New", tags="fresh snow", licence="cc0", visibility="private")
    photo.refresh_from_db()
    assert (photo.title, photo.licence, photo.visibility) == ("New", "cc0", "private")
    assert sorted(photo.tags.values_list("name", flat=True)) == ["fresh", "snow"]
    assert Event.objects.filter(kind="photo.updated", subject_id=photo.pk).exists()


def test_turning_show_location_on_rebuilds_renditions_with_gps(
    alice, upload, jpeg, media_dir, django_capture_on_commit_callbacks
):
    photo = upload(alice, jpeg)
    old_files = list(photo.renditions.values_list("file", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        edit(photo, alice, show_location=True)
    photo.refresh_from_db()
    large = photo.renditions.get(size="large")
    gps = Image.open(media_dir / large.file).getexif().get_ifd(ExifTags.IFD.GPSInfo)
    assert gps and photo.rendition_version == 2
    assert not any((media_dir / f).exists() for f in old_files)


def test_someone_else_cannot_edit_or_delete(alice, bob, upload):
    photo = upload(alice, title="Mine")
    with pytest.raises(PermissionDenied):
        edit(photo, bob, title="Stolen")
    with pytest.raises(PermissionDenied):
        photo_delete(actor=bob, photo=photo)
    photo.refresh_from_db()
    assert photo.title == "Mine"


def test_owner_delete_removes_rows_and_files_and_logs_it(
    alice, upload, media_dir, django_capture_on_commit_callbacks
):
    photo = upload(alice)
    photo_id = photo.pk
    paths = [photo.original, *photo.renditions.values_list("file", flat=True)]
    with django_capture_on_commit_callbacks(execute=True):
        photo_delete(actor=alice, photo=photo)
    assert not Photo.objects.filter(pk=photo_id).exists()
    assert not Rendition.objects.filter(photo_id=photo_id).exists()
    assert not any((media_dir / p).exists() for p in paths)
    assert Event.objects.filter(kind="photo.deleted", subject_id=photo_id).exists()

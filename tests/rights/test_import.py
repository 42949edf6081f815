"""Round trip: an export loads into another account through `import_archive`."""

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from accounts.models import User
from photos.models import Album, Photo
from photos.samples import sample_jpeg
from photos.services import album_create, album_set_photos


def archive_path(export, tmp_path):
    target = tmp_path / "export.zip"
    with default_storage.open(export.file, "rb") as stored:
        target.write_bytes(stored.read())
    return target


def test_export_then_import_gives_the_same_photos_albums_and_metadata(
    alice, upload, exported, tmp_path, import_cli
):
    one = upload(
        alice,
        data=sample_jpeg(320, 240, seed=5),
        title="Pier",
        description="Morning",
        tags="sea pier",
        licence="cc-by-sa",
        visibility="followers",
        show_location=True,
    )
    two = upload(alice, data=sample_jpeg(300, 200, seed=6), title="Gull", visibility="private")
    album = album_create(owner=alice, title="Seaside", description="Summer")
    album_set_photos(actor=alice, album=album, photo_ids=[two.pk, one.pk])
    path = archive_path(exported(alice), tmp_path)

    import_cli(str(path), "--username", "alice2", "--create-user")

    copy = User.objects.get(username="alice2")
    assert copy.display_name == "Alice Example"
    originals = {p.sha256: p for p in Photo.objects.filter(owner=alice)}
    imported = {p.sha256: p for p in Photo.objects.filter(owner=copy)}
    assert set(imported) == set(originals)
    for sha, photo in imported.items():
        source = originals[sha]
        for field in ("title", "description", "licence", "visibility", "show_location"):
            assert getattr(photo, field) == getattr(source, field), field
        assert set(photo.tags.values_list("name", flat=True)) == set(
            source.tags.values_list("name", flat=True)
        )
        assert photo.renditions.count() == source.renditions.count()
    copied_album = Album.objects.get(owner=copy)
    assert (copied_album.title, copied_album.description) == ("Seaside", "Summer")
    order = list(copied_album.entries.values_list("photo__sha256", flat=True))
    assert order == [two.sha256, one.sha256]


def test_import_into_an_existing_account(alice, bob, upload, exported, tmp_path, import_cli):
    upload(alice)
    path = archive_path(exported(alice), tmp_path)
    import_cli(str(path), "--username", "bob")
    assert Photo.objects.filter(owner=bob).count() == 1


def test_import_refuses_bad_input_and_changes_nothing(alice, bob, exported, tmp_path):
    path = archive_path(exported(alice), tmp_path)
    with pytest.raises(CommandError, match="exists already"):
        call_command("import_archive", str(path), "--username", "bob", "--create-user")
    with pytest.raises(CommandError, match="no user"):
        call_command("import_archive", str(path), "--username", "nobody")
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a zip")
    with pytest.raises(CommandError, match="not a ZIP archive"):
        call_command("import_archive", str(junk), "--username", "x", "--create-user")
    assert User.objects.count() == 2 and not Photo.objects.exists()

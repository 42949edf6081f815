import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from photos.models import Photo
from rights.services.media import media_check


def test_clean_media_reports_nothing(alice, upload):
    upload(alice)
    report = media_check()
    assert report.ok and report.orphans == [] and report.missing == []


def test_file_without_a_row_and_row_without_a_file_are_listed(alice, upload, capsys):
    photo = upload(alice)
    orphan = default_storage.save("renditions/zzz/large.jpg", ContentFile(b"x"))
    default_storage.delete(photo.original)
    report = media_check()
    assert report.orphans == [orphan]
    assert report.missing == [photo.original]
    with pytest.raises(SystemExit) as exited:
        call_command("media_check")
    assert exited.value.code == 1
    out = capsys.readouterr().out
    assert f"orphan file (no row): {orphan}" in out and "1 orphaned files, 1 missing" in out
    assert Photo.objects.count() == 1


def test_avatars_exports_and_evidence_are_checked_too(alice, exported):
    default_storage.save("avatars/stray.jpg", ContentFile(b"x"))
    export = exported(alice)
    assert media_check().orphans == ["avatars/stray.jpg"]
    default_storage.delete(export.file)
    assert media_check().missing == [export.file]


def test_upkeep_deletes_orphans_older_than_the_grace_period_only(alice, upload, settings):
    """A process killed between storing a file and committing its row leaves an orphan
    (issue 13): rights_upkeep deletes it once no commit can still be on its way."""
    from datetime import timedelta

    from django.utils import timezone

    from rights.services.upkeep import rights_upkeep

    settings.CANDID_ORPHAN_GRACE_SECONDS = 3600
    photo = upload(alice)
    orphan = default_storage.save("evidence/9-dead.jpg", ContentFile(b"x"))
    assert rights_upkeep()["orphans_swept"] == 0, "too young: its row may still commit"
    assert default_storage.exists(orphan)
    later = timezone.now() + timedelta(hours=1, seconds=1)
    assert rights_upkeep(now=later)["orphans_swept"] == 1
    assert not default_storage.exists(orphan)
    assert default_storage.exists(photo.original) and media_check().ok

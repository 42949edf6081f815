"""The move-in's bookkeeping per photo (issue 18's speed goal): a first import looks up
nothing per photo (ids and hashes read once per run, rights.services.movein_known) and
checks its lease and counts its progress in one statement; what it spares never costs a
double or a wrong match."""

import hashlib
import time
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from photos.models import Photo
from rights.import_steps import WATCHERS
from rights.models import ImportRun
from tests.movein.flickr_export import build_export
from tests.movein.test_import_flickr import run_cli

pytestmark = pytest.mark.django_db(transaction=True)


def statements(folder, username: str) -> list[str]:
    paths = build_export(folder, extra_photos=0 if username == "few" else 6).paths
    with CaptureQueriesContext(connection) as queries:
        run_cli(username, *paths, "--create-user")
    return [q["sql"] for q in queries.captured_queries]


def test_a_first_import_looks_up_nothing_per_photo(tmp_path):
    few = statements(tmp_path / "few", "few")
    many = statements(tmp_path / "many", "many")  # six photos more

    def lookups(sqls: list[str]) -> int:
        return sum(
            s.startswith("SELECT")
            and ('FROM "photos_photoorigin"' in s or '"photos_photo"."sha256" =' in s)
            for s in sqls
        )

    def on_the_run(sqls: list[str]) -> int:
        return sum('"rights_importrun"' in s.split("WHERE")[0] for s in sqls)

    assert Photo.objects.filter(owner__username="many").count() == 11
    assert lookups(many) == lookups(few)
    assert on_the_run(many) - on_the_run(few) == 6  # one statement per photo


def media(path, name: str) -> bytes:
    with zipfile.ZipFile(path) as zf:
        return zf.read(name)


def test_the_same_file_twice_in_one_export_is_imported_once(tmp_path):
    export = build_export(tmp_path / "flickr", extra_photos=1)
    data = media(export.paths[0], "extra-0_9000_o.jpg")
    with zipfile.ZipFile(tmp_path / "flickr" / "data-download-3.zip", "w") as zf:
        zf.writestr("copy_9100_o.jpg", data)  # another id, the same file
    run_cli("anna", tmp_path / "flickr", "--create-user")
    run = ImportRun.objects.get()
    assert (run.photos, run.existing) == (6, 1)
    assert Photo.objects.filter(sha256=hashlib.sha256(data).hexdigest()).count() == 1


def test_a_photo_uploaded_by_hand_while_the_import_runs_is_not_imported_again(
    tmp_path, make_user, upload
):
    export = build_export(tmp_path / "flickr")
    old_map = media(export.paths[0], "old-map_5008_o.jpg")
    anna = make_user("anna")
    by_hand: list[Photo] = []

    def upload_once(_run_id: int) -> None:
        if not by_hand:
            by_hand.append(upload(anna, data=old_map))
            time.sleep(1.1)  # the hashes are read in once a second

    WATCHERS.append(upload_once)
    try:
        run_cli("anna", *export.paths)
    finally:
        WATCHERS.remove(upload_once)
    assert Photo.objects.filter(owner=anna, sha256=by_hand[0].sha256).count() == 1
    assert ImportRun.objects.get().existing == 1


def test_a_hash_sharing_only_its_start_is_no_match(tmp_path, make_user, upload):
    export = build_export(tmp_path / "flickr")
    digest = hashlib.sha256(media(export.paths[0], "old-map_5008_o.jpg")).hexdigest()
    anna = make_user("anna")
    other = upload(anna)
    lookalike = digest[:40] + ("0" if digest[40] != "0" else "1") + digest[41:]
    Photo.objects.filter(pk=other.pk).update(sha256=lookalike)
    run_cli("anna", *export.paths)
    assert Photo.objects.filter(owner=anna).count() == 6  # the five and the one by hand
    assert ImportRun.objects.get().existing == 0


def test_an_imported_photo_is_written_by_its_insert_alone(tmp_path):
    """The dates and the position from the export (and a sensitive label) ride
    in photo_upload's INSERT: no second UPDATE of the photo row per photo."""
    sqls = statements(tmp_path / "many", "many")
    per_photo = [
        s for s in sqls if s.startswith('UPDATE "photos_photo"') and '"photos_photo"."id" =' in s
    ]
    assert per_photo == []
    moved = Photo.objects.filter(owner__username="many")
    assert moved.count() == 11
    assert moved.exclude(taken_at=None).exists()
    assert moved.exclude(latitude=None).exists()


def test_a_photo_larger_than_the_memory_buffer_is_imported_whole(tmp_path, monkeypatch):
    """A photo over SPOOL bytes goes through a temporary file, hashed and stored whole."""
    from rights.services import movein_run

    monkeypatch.setattr(movein_run, "SPOOL", 4096)
    export = build_export(tmp_path / "flickr", extra_photos=1)
    data = media(export.paths[0], "extra-0_9000_o.jpg")
    run_cli("anna", *export.paths, "--create-user")
    photo = Photo.objects.get(sha256=hashlib.sha256(data).hexdigest())
    assert photo.original_bytes == len(data) > 4096
    assert ImportRun.objects.get().photos == 6

"""`manage.py import_flickr` on an export in Flickr's shape: every field mapped, every
per-item error listed, idempotent, the event log told, the quota respected."""

from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from accounts.models import PlanPolicy
from consent.selectors.consent import consent_state
from core.models import Event
from photos.models import Album, ImportedComment, Photo, PhotoOrigin
from rights.models import ImportLink, ImportProblem, ImportRun
from tests.movein.flickr_export import NSID, build_export

pytestmark = pytest.mark.django_db(transaction=True)


def run_cli(*args) -> str:
    out = StringIO()
    call_command("import_flickr", *map(str, args), stdout=out)
    return out.getvalue()


def photos_of(username: str) -> dict[str, Photo]:
    photos = Photo.objects.filter(owner__username=username).select_related("origin")
    return {p.origin.external_id if hasattr(p, "origin") else p.title: p for p in photos}


def test_an_export_of_several_zips_imports_with_every_field(flickr):
    out = run_cli("anna", *flickr.paths, "--create-user")

    ids = {k: str(v) for k, v in flickr.ids.items()}
    photos = photos_of("anna")
    assert set(photos) == {ids["harbour"], ids["friends"], ids["png"], ids["orphan"], ids["pdm"]}
    harbour = photos[ids["harbour"]]
    assert harbour.title == "Harbour at dusk"
    assert harbour.description == (
        "Shot from the pier (https://example.org/pier)\nsecond line & more"
    )
    assert sorted(harbour.tags.values_list("name", flat=True)) == ["dusk", "harbour"]
    assert harbour.licence == "cc-by-nc-sa-2.0"  # 2.0 stays 2.0
    assert harbour.visibility == "public"
    assert harbour.taken_at == datetime(2012, 6, 1, 19, 30, tzinfo=UTC)
    assert harbour.created_at == datetime(2012, 6, 2, 8, tzinfo=UTC)  # Flickr's upload date
    assert harbour.latitude == pytest.approx(53.55) and not harbour.show_location
    origin = harbour.origin
    assert (origin.service, origin.account_ref) == ("flickr", NSID)
    assert origin.page_url == f"https://www.flickr.com/photos/anna_k/{ids['harbour']}/"
    comment = ImportedComment.objects.get(photo=harbour)
    assert (comment.author, comment.text) == ("bob_b", "Lovely light!")
    assert comment.posted_at == datetime(2012, 6, 3, 10, tzinfo=UTC)
    friends = photos[ids["friends"]]
    assert (friends.visibility, friends.licence) == ("private", "cc-by-sa")
    assert friends.taken_at == datetime(2026, 5, 17, 9, 30, tzinfo=UTC)  # 0000-00-00: EXIF's
    assert photos[ids["png"]].licence == "arr" and photos[ids["png"]].visibility == "private"
    assert photos[ids["pdm"]].licence == "pdm"
    assert not any(consent_state(harbour).values())  # AI and biometric consent start off

    album = Album.objects.get(owner__username="anna")
    assert (album.title, album.description, album.visibility) == ("Hamburg", "Port city", "public")
    order = list(album.entries.values_list("photo_id", flat=True))
    assert order == [photos[ids["png"]].pk, harbour.pk]  # cover first, then Flickr's order

    run = ImportRun.objects.get()
    assert (run.source, run.state, run.photos, run.albums, run.skipped) == (
        "flickr",
        "completed",
        5,
        1,
        3,
    )
    assert (run.done, run.total) == (8, 8)
    skipped = dict(ImportProblem.objects.filter(skipped=True).values_list("name", "reason"))
    assert "video" in skipped[f"{ids['video']}_ffeedd0011_o.mp4"]
    assert skipped[f"Lost original ({ids['no_image']})"] == "The export holds no image file for it."
    assert f"broken_{ids['corrupt']}_o.jpg" in skipped
    notes = dict(ImportProblem.objects.filter(skipped=False).values_list("name", "reason"))
    assert "no licence" in notes[f"img-2023-05_{ids['png']}.png"]  # null: reported
    assert "private" in notes[f"orphan_{ids['orphan']}_o.jpg"]  # image without JSON
    links = set(ImportLink.objects.values_list("kind", "name"))
    assert links == {("fave", "Lighthouse"), ("contact", "Bob B.")}
    assert "5 photos, 1 albums" in out and "skipped" in out
    assert run.archives == [] and not default_storage.listdir("imports")[1]

    imported = Event.objects.filter(kind="photo.imported")
    assert imported.count() == 5
    assert {e.data["source"] for e in imported} == {"flickr"}


def test_importing_again_adds_nothing_twice(flickr, tmp_path):
    run_cli("anna", *flickr.paths, "--create-user")
    again = run_cli("anna", *reversed(flickr.paths))  # any order
    assert Photo.objects.count() == 5 and Album.objects.count() == 1
    second = ImportRun.objects.order_by("-id").first()
    assert (second.photos, second.existing) == (0, 5)
    assert "5 were there already" in again
    # Overlapping: a new export with the same photos plus more adds only the new ones.
    build_export(tmp_path / "bigger", extra_photos=2)
    run_cli("anna", tmp_path / "bigger")  # a folder
    assert Photo.objects.count() == 7


def test_a_photo_uploaded_by_hand_is_matched_by_its_sha256(flickr, make_user, upload):
    from tests.movein.flickr_export import sample_jpeg

    anna = make_user("anna")
    by_hand = upload(anna, data=sample_jpeg(640, 480, seed=1, gps=(53.55, 9.99)))
    run_cli("anna", *flickr.paths)
    assert Photo.objects.filter(owner=anna).count() == 5
    assert PhotoOrigin.objects.get(photo=by_hand).external_id == str(flickr.ids["harbour"])


def test_the_quota_stops_the_import_cleanly_and_keeps_what_fitted(flickr, make_user):
    anna = make_user("anna")
    PlanPolicy.objects.update_or_create(plan=anna.plan, defaults={"photo_quota": 2})
    out = run_cli("anna", *flickr.paths)
    assert Photo.objects.filter(owner=anna).count() == 2
    run = ImportRun.objects.get()
    assert run.state == "completed" and "quota" in run.error
    assert "quota" in out


def test_a_zip_that_is_not_a_flickr_export_is_refused_before_anything_is_stored(
    flickr, tmp_path, make_user
):
    import zipfile

    make_user("anna")
    other = tmp_path / "holiday.zip"
    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr("notes.txt", "hello")
    with pytest.raises(CommandError, match="holiday.zip"):
        run_cli("anna", *flickr.paths, other)
    assert not ImportRun.objects.exists()
    assert not default_storage.exists("imports") or not default_storage.listdir("imports")[1]


def test_the_command_prints_a_progress_line(tmp_path, make_user):
    export = build_export(tmp_path / "x", extra_photos=3)
    out = run_cli("anna", *export.paths, "--create-user")
    assert "/11 items · " in out and "/s · " in out


def test_a_photo_damaged_in_the_zip_is_skipped_and_the_rest_imports(flickr):
    from tests.movein.test_zip_members import damage

    media = next(p for p in flickr.paths if p.name == "data-download-2.zip")  # stored
    damage(media, f"old-map_{flickr.ids['pdm']}_o.jpg")
    run_cli("anna", *flickr.paths, "--create-user")
    assert str(flickr.ids["pdm"]) not in photos_of("anna") and len(photos_of("anna")) == 4
    run = ImportRun.objects.get()
    assert run.state == "completed" and run.skipped == 4
    reason = ImportProblem.objects.get(name=f"old-map_{flickr.ids['pdm']}_o.jpg").reason
    assert reason == "The file is damaged in the export (its checksum does not match)."

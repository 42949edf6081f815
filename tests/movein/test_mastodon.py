"""Moving in from Mastodon: the account archive (.tar.gz) read in two streaming passes,
its posts with images imported through the shared move-in step (command and page)."""

import tarfile
from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from photos.models import Photo
from rights.models import ImportLink, ImportProblem, ImportRun
from rights.movein.mastodon import MastodonArchive, media_key
from tests.movein.mastodon_archive import ACTOR, build_archive

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def archive(tmp_path):
    return build_archive(tmp_path / "mastodon")


def test_media_keys_match_relative_rooted_and_bucket_urls():
    key = "media_attachments/files/110/000/original/abc.jpg"
    assert media_key(key) == key
    assert media_key(f"/{key}") == key
    assert media_key(f"/bucket-name/{key}") == key
    assert media_key(f"https://files.example/{key}?v=2") == key
    assert media_key("https://example.org/other.jpg") == ""


def test_the_reader_streams_each_image_and_skips_boosts_and_direct_messages(archive):
    opened: list[str] = []
    real_open = tarfile.open

    def spy(*args, **kwargs):
        opened.append(kwargs.get("mode") or (args[1] if len(args) > 1 else "r"))
        return real_open(*args, **kwargs)

    tarfile.open = spy
    try:
        source = MastodonArchive([archive])
        items = list(source.items())
    finally:
        tarfile.open = real_open
    assert set(opened) == {"r|gz"}  # streaming only, never random access
    assert source.count() == 6  # two images, unlisted, followers, direct, missing
    with_media = [i for i in items if i.open is not None]
    assert [i.alt_text for i in with_media] == [
        "Ships on the river at dusk",
        "",
        "A garden spider",
        "Cake",
    ]
    skipped = {i.name: i.skip for i in items if i.skip}
    assert list(skipped) == ["https://social.example/@anna/4"]
    assert source.account().name == "Anna K." and source.account().ref == ACTOR
    links = [(link.kind, link.url) for link in source.links()]
    assert ("like", "https://other.example/users/bob/statuses/1") in links
    assert ("bookmark", "tag:other.example,2017-04-01:objectId=77:objectType=Status") in links


@pytest.mark.parametrize("zipped", [False, True], ids=["tar.gz", "zip"])
def test_an_archive_imports_through_the_command_with_every_field(tmp_path, make_user, zipped):
    archive = build_archive(tmp_path / "mastodon", zipped=zipped)
    make_user("anna")
    out = StringIO()
    call_command("import_move_in", "anna", str(archive), stdout=out)

    run = ImportRun.objects.get()
    assert run.source == "mastodon" and run.state == "completed"
    photos = {p.origin.external_id: p for p in Photo.objects.select_related("origin")}
    assert set(photos) == {
        "110000000000000001",
        "110000000000000002",
        "110000000000000003",
        "110000000000000004",
    }
    ships = photos["110000000000000001"]
    assert ships.title == "Evening at the Elbe #sunset (1/2)"
    assert ships.description == "Evening at the Elbe #sunset\n\nSecond line & more"
    assert ships.alt_text == "Ships on the river at dusk"
    assert list(ships.tags.values_list("name", flat=True)) == ["sunset"]
    assert ships.visibility == "public" and not ships.sensitive
    assert ships.created_at == datetime(2023, 4, 1, 10, 20, 30, tzinfo=UTC)
    assert ships.origin.page_url == "https://social.example/@anna/1"
    assert ships.origin.account_ref == ACTOR
    png = photos["110000000000000002"]  # the bucket-prefixed URL found its file
    assert png.visibility == "public" and png.title.endswith("(2/2)")
    spider = photos["110000000000000003"]  # unlisted: public, behind its warning
    assert spider.visibility == "public" and spider.sensitive
    assert spider.description == "Content warning: spiders\n\nSpiders!"
    assert photos["110000000000000004"].visibility == "private"  # followers only
    problems = {p.name: (p.reason, p.skipped) for p in ImportProblem.objects.all()}
    assert problems["https://social.example/@anna/4"][1] is True
    assert "direct message" in problems["https://social.example/@anna/4"][0]
    missing = "media_attachments/files/110/000/000/000/000/006/original/000006ab12cd.jpg"
    assert problems[missing] == ("The export holds no image file for it.", True)
    assert ImportLink.objects.filter(kind="bookmark").count() == 2
    assert "Imported into anna: 4 photos" in out.getvalue()

    call_command("import_move_in", "anna", str(archive.parent), stdout=StringIO())
    assert Photo.objects.count() == 4  # again, the folder holding it: nothing twice


def test_an_archive_moves_in_through_the_page(archive, make_user, client):
    anna = make_user("anna")
    client.force_login(anna)
    with open(archive, "rb") as file:
        response = client.post(reverse("move_in"), {"zips": [file]})
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert ImportRun.objects.get().source == "mastodon"
    assert Photo.objects.filter(owner=anna).count() == 4
    page = client.get(reverse("move_in")).content.decode()
    assert "Bookmark:" in page and "Liked:" in page and "direct message" in page
    german = client.get(reverse("move_in"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Umzug von einem anderen Dienst" in german and "Lesezeichen:" in german


def test_a_tar_without_an_outbox_is_refused_and_nothing_stored(tmp_path, make_user):
    make_user("anna")
    other = tmp_path / "backup.tar.gz"
    with tarfile.open(other, "w:gz") as tar:
        tar.add(__file__, arcname="notes.txt")
    with pytest.raises(CommandError, match="backup.tar.gz"):
        call_command("import_move_in", "anna", str(other), stdout=StringIO())
    assert not ImportRun.objects.exists()


def test_videos_and_audio_are_listed_as_skipped_each_with_why(tmp_path, make_user):
    archive = build_archive(tmp_path / "mastodon", videos=True)
    make_user("anna")
    out = StringIO()
    call_command("import_move_in", "anna", str(archive), stdout=out)

    run = ImportRun.objects.get()
    assert run.state == "completed" and run.photos == 5
    harbour = Photo.objects.get(origin__external_id="110000000000000008")
    assert harbour.title == "Harbour"  # the only image of its post: no "(1/3)"
    problems = {p.name: (p.reason, p.skipped) for p in ImportProblem.objects.all()}
    clip = "media_attachments/files/110/000/000/000/000/009/original/000009ab12cd.mp4"
    gifv = "media_attachments/files/110/000/000/000/000/010/original/000010ab12cd.mp4"
    audio = "media_attachments/files/110/000/000/000/000/011/original/000011ab12cd.mp3"
    video_reason = (
        "A video (video/mp4) of https://social.example/@anna/8: Candid keeps photos only, "
        "so it was left out."
    )
    assert problems[clip] == (video_reason, True)
    assert problems[gifv] == (video_reason, True)
    assert problems[audio] == (
        "Not a photo (audio/mpeg) of https://social.example/@anna/9: Candid keeps photos only, "
        "so it was left out.",
        True,
    )
    assert run.skipped == 5  # the direct message, the missing image, two videos, the audio
    assert f"skipped: {clip}: A video (video/mp4)" in out.getvalue()


def test_a_german_member_reads_why_a_video_was_left_out_in_german(tmp_path, make_user):
    archive = build_archive(tmp_path / "mastodon", videos=True)
    berta = make_user("berta")
    berta.language = "de"
    berta.save(update_fields=["language"])
    call_command("import_move_in", "berta", str(archive), stdout=StringIO())
    reasons = set(ImportProblem.objects.values_list("reason", flat=True))
    assert (
        "Ein Video (video/mp4) aus https://social.example/@anna/8: Candid bewahrt nur Fotos "
        "auf, deshalb wurde es ausgelassen."
    ) in reasons

"""Moving in from Pixelfed with the images fetched, because the member asked: each
image is fetched from the URL the export names, from a real HTTP server on 127.0.0.1,
through federation.fetch's guard against server-side request forgery, bounded in size
and checked to be an image; whatever fails is skipped with why, the rest imported."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from photos.models import Photo
from photos.samples import sample_bytes, sample_jpeg
from rights.models import ImportLink, ImportProblem, ImportRun
from tests.movein.media_server import MediaServer
from tests.movein.test_move_in_web import put
from tests.movein.test_pixelfed import PUBLIC, SERVER

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media():
    server = MediaServer()
    yield server
    server.close()


def post(number: int, urls: list[str], *, to=None, alt="A lake") -> dict:
    return {
        "id": f"{SERVER}/p/anna/{number}",
        "type": "Note",
        "summary": None,
        "content": f"<p>Post {number}</p>",
        "published": "2022-02-02T12:00:00+00:00",
        "url": f"{SERVER}/p/anna/{number}",
        "to": to or [PUBLIC],
        "cc": [],
        "sensitive": False,
        "attachment": [
            {"type": "Image", "mediaType": "image/jpeg", "url": url, "name": alt} for url in urls
        ],
        "tag": [],
    }


def write_export(folder, notes) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    account = {"id": "1", "username": "anna", "display_name": "Anna", "url": f"{SERVER}/anna"}
    (folder / "account.json").write_text(json.dumps(account))
    (folder / "outbox.json").write_text(json.dumps({"data": notes}))
    return str(folder)


@pytest.fixture
def served(media, settings, tmp_path):
    """An export of six posts, against a server that serves two images and fails the
    rest in every way a server can."""
    settings.CANDID_FEDERATION_ALLOW_LOCAL = True
    settings.CANDID_MAX_UPLOAD_BYTES = 200_000
    lake = media.image("/storage/m/_v2/1/aaaaaaaaaaaa.jpg", sample_jpeg(640, 480, seed=1))
    hill = media.image("/storage/m/_v2/1/bbbbbbbbbbbb.png", sample_bytes("PNG", 320, 240, seed=2))
    html = media.image("/storage/m/_v2/1/cccccccccccc.jpg", b"<html>login</html>", "text/html")
    fake = media.image("/storage/m/_v2/1/dddddddddddd.jpg", b"GIF8" + bytes(100), "image/jpeg")
    big = media.image("/storage/m/_v2/1/eeeeeeeeeeee.jpg", b"\xff\xd8\xff" + bytes(300_000))
    media.routes["/storage/m/_v2/1/ffffffffffff.jpg"] = (
        302,
        {"Location": "http://10.11.12.13/internal.jpg"},
        b"",
    )
    gone = f"{media.base}/storage/m/_v2/1/gggggggggggg.jpg"
    redirected = f"{media.base}/storage/m/_v2/1/ffffffffffff.jpg"
    notes = [
        post(1, [lake, hill]),
        post(2, [gone, html]),
        post(3, [fake, big]),
        post(4, [redirected]),
        post(5, [lake], to=["https://other.example/bob"]),
    ]
    return write_export(tmp_path / "pixelfed", notes)


def test_asked_for_the_images_are_fetched_checked_and_imported(served, media, make_user):
    make_user("anna")
    out = StringIO()
    call_command("import_move_in", "anna", served, "--fetch-media", stdout=out)

    run = ImportRun.objects.get()
    assert (run.source, run.fetch_media, run.state) == ("pixelfed", True, "completed")
    assert (run.photos, run.skipped, run.done, run.total) == (2, 6, 8, 8)
    photos = {p.origin.external_id: p for p in Photo.objects.select_related("origin")}
    assert set(photos) == {"aaaaaaaaaaaa", "bbbbbbbbbbbb"}
    lake = photos["aaaaaaaaaaaa"]
    assert (lake.title, lake.alt_text, lake.visibility) == ("Post 1 (1/2)", "A lake", "public")
    assert lake.origin.page_url == f"{SERVER}/p/anna/1"
    reasons = {p.name.rsplit("/", 1)[-1]: p.reason for p in ImportProblem.objects.all()}
    assert reasons["gggggggggggg.jpg"] == (
        "Its server answered 404: it no longer serves the image."
    )
    assert reasons["cccccccccccc.jpg"] == "Its server sent no image (text/html)."
    assert reasons["dddddddddddd.jpg"] == "What its server sent is not a photo Candid takes."
    assert reasons["eeeeeeeeeeee.jpg"] == "The file is larger than the 0 MB limit."
    assert reasons["ffffffffffff.jpg"].startswith(
        "Its address may not be fetched (only https to public servers): http://10.11.12.13/"
    )
    assert "direct message" in reasons["5"]
    assert media.hits["/storage/m/_v2/1/aaaaaaaaaaaa.jpg"] == 1  # not for the direct message
    assert ImportLink.objects.filter(kind="post").count() == 4  # not the direct message
    assert "skipped: http://127.0.0.1" in out.getvalue()

    call_command("import_move_in", "anna", served, "--fetch-media", stdout=StringIO())
    assert Photo.objects.count() == 2  # a second import adds nothing twice…
    assert media.hits["/storage/m/_v2/1/aaaaaaaaaaaa.jpg"] == 1  # …and fetches nothing again


def test_the_guard_refuses_a_local_server_outside_tests(served, media, make_user, settings):
    settings.CANDID_FEDERATION_ALLOW_LOCAL = False
    make_user("anna")
    call_command("import_move_in", "anna", served, "--fetch-media", stdout=StringIO())
    assert not Photo.objects.exists()
    assert not media.hits  # nothing was asked of the server
    reasons = set(ImportProblem.objects.values_list("reason", flat=True))
    assert any(r.startswith("Its address may not be fetched") for r in reasons)


def test_nothing_is_fetched_unless_the_member_asks(served, media, make_user):
    make_user("anna")
    call_command("import_move_in", "anna", served, stdout=StringIO())
    assert not Photo.objects.exists() and not media.hits
    assert not ImportRun.objects.get().fetch_media


def test_the_member_asks_on_the_page_and_reads_why_in_german(served, media, make_user, client):
    anna = make_user("anna")
    anna.language = "de"
    anna.save(update_fields=["language"])
    client.force_login(anna)
    page = client.get(reverse("move_in"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Bilder eines Pixelfed-Exports von Ihrem Server abrufen" in page
    with open(f"{served}/outbox.json", "rb") as outbox, open(f"{served}/account.json", "rb") as a:
        response = client.post(reverse("move_in"), {"zips": [outbox, a], "fetch_media": "on"})
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert ImportRun.objects.get().fetch_media
    assert Photo.objects.filter(owner=anna).count() == 2
    page = client.get(reverse("move_in"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Der Server antwortete mit 404: Er stellt das Bild nicht mehr bereit." in page


def test_the_chunked_upload_passes_the_choice_on(served, media, make_user, client):
    anna = make_user("anna")
    client.force_login(anna)
    tokens = []
    for name in ("outbox.json", "account.json"):
        data = open(f"{served}/{name}", "rb").read()
        begun = client.post(
            reverse("move_in_uploads"),
            json.dumps({"name": name, "size": len(data)}),
            content_type="application/json",
        ).json()
        assert put(client, begun["url"], data, 0).json()["received"] == len(data)
        tokens.append(begun["token"])
    started = client.post(
        reverse("move_in_start"),
        json.dumps({"tokens": tokens, "fetch_media": True}),
        content_type="application/json",
    )
    assert started.status_code == 201, started.content
    assert ImportRun.objects.get().fetch_media
    assert Photo.objects.filter(owner=anna).count() == 2

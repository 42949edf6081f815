"""Uploading like a photographer (issue 17): each photo its own title, the shared fields
applied to all, an album chosen at upload, a refused file that leaves the others, with and
without the uploader script (which sends one file per request and reads JSON)."""

import io

import pytest
from PIL import Image

from core.models import Event
from photos.embedded_title import embedded_title, readable_file_name
from photos.models import AlbumPhoto, Photo, Visibility
from photos.samples import sample_jpeg
from photos.services import album_create
from tests.photos.titled_samples import (
    jpeg_with_iptc_title,
    jpeg_with_windows_title,
    jpeg_with_xmp_title,
    opened,
)
from tests.web.conftest import media_files

pytestmark = pytest.mark.django_db
SHARED = {"licence": "cc-by", "visibility": "followers", "tags": "berlin, evening"}
JSON = {"HTTP_ACCEPT": "application/json"}


def jpegs(uploaded_file, names):
    return [uploaded_file(sample_jpeg(120, 90, seed=i), name=name) for i, name in enumerate(names)]


def titles(owner) -> list[str]:
    return list(Photo.objects.filter(owner=owner).order_by("id").values_list("title", flat=True))


def test_four_files_get_four_titles_from_their_names(client, alice, uploaded_file):
    client.force_login(alice)
    names = ["spree_at-dusk.jpg", "IMG_2034.JPG", "tram.in.snow.jpg", "kitchen window.jpg"]
    response = client.post("/upload/", {**SHARED, "files": jpegs(uploaded_file, names)})
    assert response.status_code == 302 and response.url.startswith("/upload/describe/")
    assert titles(alice) == ["Spree at dusk", "IMG 2034", "Tram in snow", "Kitchen window"]


def test_a_typed_title_is_numbered_over_several_files(client, alice, uploaded_file):
    client.force_login(alice)
    files = jpegs(uploaded_file, ["a.jpg", "b.jpg", "c.jpg", "d.jpg"])
    client.post("/upload/", {**SHARED, "title": "Berlin evenings", "files": files})
    assert titles(alice) == [f"Berlin evenings {n}" for n in range(1, 5)]


def test_the_title_saved_in_the_file_is_the_default(client, alice, uploaded_file):
    client.force_login(alice)
    files = [
        uploaded_file(jpeg_with_xmp_title("Harbour at dusk"), name="DSC_0001.jpg"),
        uploaded_file(jpeg_with_iptc_title("Tram in snow"), name="DSC_0002.jpg"),
        uploaded_file(jpeg_with_windows_title("Kitchen window"), name="DSC_0003.jpg"),
        uploaded_file(sample_jpeg(120, 90, seed=9), name="DSC_0004.jpg"),
    ]
    client.post("/upload/", {**SHARED, "files": files})
    assert titles(alice) == ["Harbour at dusk", "Tram in snow", "Kitchen window", "DSC 0004"]


def test_a_typed_title_wins_over_the_embedded_one(client, alice, uploaded_file):
    client.force_login(alice)
    photo = uploaded_file(jpeg_with_xmp_title("Harbour at dusk"), name="x.jpg")
    client.post("/upload/", {**SHARED, "title": "My harbour", "files": photo})
    assert titles(alice) == ["My harbour"]


def test_embedded_titles_are_cleaned_and_bounded():
    image = opened(jpeg_with_iptc_title("Line\x07one   and\u200btwo" + "x" * 300))
    title = embedded_title(image)
    assert title.startswith("Line one and two") and len(title) == 200
    assert embedded_title(Image.open(io.BytesIO(sample_jpeg(64, 48)))) == ""
    assert readable_file_name("berlin_evening-at-the.spree.JPG") == "Berlin evening at the spree"


def test_the_shared_fields_apply_to_every_photo(client, alice, uploaded_file):
    client.force_login(alice)
    client.post("/upload/", {**SHARED, "files": jpegs(uploaded_file, ["a.jpg", "b.jpg"])})
    for photo in Photo.objects.filter(owner=alice):
        assert (photo.licence, photo.visibility) == ("cc-by", Visibility.FOLLOWERS)
        assert sorted(photo.tags.values_list("name", flat=True)) == ["berlin", "evening"]


def test_photos_join_the_album_chosen_at_upload_in_order(client, alice, uploaded_file):
    album = album_create(owner=alice, title="Berlin")
    client.force_login(alice)
    files = jpegs(uploaded_file, ["a.jpg", "b.jpg", "c.jpg"])
    client.post("/upload/", {**SHARED, "album": str(album.pk), "files": files})
    entries = AlbumPhoto.objects.filter(album=album).order_by("position")
    assert [e.photo.title for e in entries] == ["A", "B", "C"]
    assert [e.position for e in entries] == [0, 1, 2]
    event = Event.objects.filter(kind="photo.uploaded").first()
    assert event.data["album"] == album.pk


def test_someone_elses_album_is_refused_and_nothing_is_stored(
    client, alice, bob, uploaded_file, media_dir
):
    theirs = album_create(owner=bob, title="Bob's")
    client.force_login(alice)
    response = client.post(
        "/upload/", {**SHARED, "album": str(theirs.pk), "files": jpegs(uploaded_file, ["a.jpg"])}
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not Photo.objects.exists() and media_files(media_dir) == []


def test_the_upload_page_offers_the_members_albums_only(client, alice, bob):
    album_create(owner=alice, title="Alice trip")
    album_create(owner=bob, title="Bob trip")
    client.force_login(alice)
    page = client.get("/upload/").content.decode()
    assert "Alice trip" in page and "Bob trip" not in page
    assert 'src="/static/js/upload.js"' in page and "<script>" not in page


def test_without_script_several_photos_are_titled_on_the_describe_page(
    client, alice, uploaded_file
):
    client.force_login(alice)
    response = client.post(
        "/upload/", {**SHARED, "files": jpegs(uploaded_file, ["a.jpg", "b.jpg"])}
    )
    first, second = Photo.objects.order_by("id")
    page = client.get(response.url).content.decode()
    assert f'name="title_{first.pk}"' in page and 'value="A"' in page
    saved = client.post(
        response.url,
        {
            f"title_{first.pk}": "Fog on the Spree",
            f"alt_{first.pk}": "A river in fog",
            f"description_{first.pk}": "Early",
            f"title_{second.pk}": "Rain in Mitte",
            f"alt_{second.pk}": "",
            f"description_{second.pk}": "",
        },
    )
    assert saved.status_code == 302
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.title, first.alt_text, first.description) == (
        "Fog on the Spree",
        "A river in fog",
        "Early",
    )
    assert second.title == "Rain in Mitte"
    assert Event.objects.filter(kind="photo.updated").count() == 2


def test_the_describe_page_refuses_a_too_long_title_and_changes_nothing(client, alice, upload):
    photo = upload(alice, title="Kept")
    client.force_login(alice)
    url = f"/upload/describe/?photos={photo.pk}"
    response = client.post(url, {f"title_{photo.pk}": "x" * 201})
    assert response.status_code == 400
    photo.refresh_from_db()
    assert photo.title == "Kept"


def test_the_script_sends_each_file_with_its_own_fields(client, alice, uploaded_file):
    client.force_login(alice)
    for i, title in enumerate(["Harbour", "Tram", "Kitchen", "Bridge"]):
        answer = client.post(
            "/upload/",
            {
                **SHARED,
                "title": title,
                "alt_text": f"Alt {title}",
                "description": f"About {title}",
                "file_tags": f"own{i}",
                "files": uploaded_file(sample_jpeg(120, 90, seed=i), name=f"{i}.jpg"),
            },
            **JSON,
        )
        assert answer.status_code == 200
        result = answer.json()["results"][0]
        assert result["ok"] and result["title"] == title and result["name"] == f"{i}.jpg"
    assert titles(alice) == ["Harbour", "Tram", "Kitchen", "Bridge"]
    tram = Photo.objects.get(title="Tram")
    assert (tram.alt_text, tram.description) == ("Alt Tram", "About Tram")
    assert sorted(tram.tags.values_list("name", flat=True)) == ["berlin", "evening", "own1"]


def test_the_script_hears_which_file_failed_and_why(
    client, alice, uploaded_file, jpeg, settings, media_dir
):
    client.force_login(alice)
    good = client.post("/upload/", {**SHARED, "files": uploaded_file(name="good.jpg")}, **JSON)
    corrupt = client.post(
        "/upload/",
        {**SHARED, "files": uploaded_file(jpeg[: len(jpeg) // 2], name="cut.jpg")},
        **JSON,
    )
    wrong = client.post(
        "/upload/", {**SHARED, "files": uploaded_file(b"%PDF-1.7", name="scan.pdf")}, **JSON
    )
    settings.CANDID_MAX_UPLOAD_BYTES = 10_000
    big = client.post("/upload/", {**SHARED, "files": uploaded_file(name="big.jpg")}, **JSON)
    assert good.status_code == 200
    assert corrupt.status_code == 400 and wrong.status_code == 400 and big.status_code == 413
    assert corrupt.json()["results"][0]["name"] == "cut.jpg"
    assert "damaged or incomplete" in corrupt.json()["results"][0]["error"]
    assert "not an image" in wrong.json()["results"][0]["error"]
    assert "10 KB limit" in big.content.decode()  # refused while the body is read
    assert titles(alice) == ["Good"]


def test_a_malformed_script_request_answers_json_errors(client, alice, uploaded_file):
    client.force_login(alice)
    answer = client.post(
        "/upload/", {**SHARED, "licence": "mine", "files": uploaded_file()}, **JSON
    )
    assert answer.status_code == 400
    assert "Select a valid choice" in answer.json()["errors"][0]
    assert not Photo.objects.exists()


def test_a_failed_file_among_several_leaves_the_others_without_script(client, alice, uploaded_file):
    client.force_login(alice)
    files = [*jpegs(uploaded_file, ["a.jpg", "b.jpg"]), uploaded_file(b"nope", name="c.jpg")]
    response = client.post("/upload/", {**SHARED, "files": files})
    assert response.status_code == 400
    assert "<strong>c.jpg</strong>" in response.content.decode()
    assert titles(alice) == ["A", "B"]


def test_the_upload_page_in_german(client, alice):
    client.force_login(alice)
    page = client.get("/upload/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Für alle Fotos dieses Uploads" in page
    assert "Kein Album" in page


def test_the_describe_page_refuses_a_title_that_shows_nothing(client, alice, upload):
    photo = upload(alice, title="Kept")
    client.force_login(alice)
    response = client.post(
        f"/upload/describe/?photos={photo.pk}", {f"title_{photo.pk}": "\u200b\u200b"}
    )
    assert response.status_code == 400
    photo.refresh_from_db()
    assert photo.title == "Kept"

"""`/oembed`: JSON for public photos, 404 for any other, 400 with a message for a bad URL or
size, 501 for XML."""

import pytest
from django.test import Client

from photos.models import Photo, Visibility
from photos.rendition_keys import rendition_key

SITE = "https://photos.example"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def oembed(**params):
    return Client().get("/oembed", params)


@pytest.fixture
def photo(alice, upload, jpeg):
    return upload(alice, jpeg, title="Harbour at dawn")  # 640 × 480


def test_a_public_photo_is_described_as_an_oembed_photo(photo):
    response = oembed(url=f"{SITE}/photos/{photo.pk}/", format="json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    answer = response.json()
    key = rendition_key(photo)
    assert answer["version"] == "1.0" and answer["type"] == "photo"
    assert answer["title"] == "Harbour at dawn"
    assert answer["author_name"] == "Alice Example"
    assert answer["author_url"] == f"{SITE}/u/alice/"
    assert answer["provider_name"] == "Candid"
    assert answer["url"] == f"{SITE}/r/{photo.pk}/{key}/medium.jpg"
    assert (answer["width"], answer["height"]) == (640, 480)
    assert answer["thumbnail_url"] == f"{SITE}/r/{photo.pk}/{key}/small.jpg"
    assert (answer["thumbnail_width"], answer["thumbnail_height"]) == (320, 240)
    assert Client().get(answer["url"].removeprefix(SITE)).status_code == 200


def test_the_request_host_is_accepted_as_well_as_site_url(photo):
    response = oembed(url=f"http://testserver/photos/{photo.pk}/")
    assert response.status_code == 200 and response.json()["type"] == "photo"


def test_maxwidth_and_maxheight_choose_a_rendition_that_fits(photo):
    small = oembed(url=f"{SITE}/photos/{photo.pk}/", maxwidth="400").json()
    assert (small["width"], small["height"]) == (320, 240)
    assert small["url"].endswith("/small.jpg")
    tall = oembed(url=f"{SITE}/photos/{photo.pk}/", maxheight="479").json()
    assert tall["height"] <= 479


def test_nothing_small_enough_answers_404_with_a_message(photo):
    response = oembed(url=f"{SITE}/photos/{photo.pk}/", maxwidth="100")
    assert response.status_code == 404
    assert response.json()["error"] == "No image of this photo is that small."


@pytest.mark.parametrize("visibility", [Visibility.FOLLOWERS, Visibility.PRIVATE])
def test_a_photo_not_for_everyone_answers_404(alice, upload, visibility):
    photo = upload(alice, title="Mine", visibility=visibility)
    response = oembed(url=f"{SITE}/photos/{photo.pk}/")
    assert response.status_code == 404
    assert "Mine" not in response.content.decode()


@pytest.mark.parametrize(
    "change", [{"withheld_in": ",DE,"}, {"removed_at": "2026-01-01T00:00:00Z"}, {"sensitive": True}]
)
def test_withheld_removed_and_sensitive_photos_answer_404(photo, change):
    Photo.objects.filter(pk=photo.pk).update(**change)
    assert oembed(url=f"{SITE}/photos/{photo.pk}/").status_code == 404


def test_a_missing_photo_answers_404(db):
    assert oembed(url=f"{SITE}/photos/999999/").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "",
        "not a url",
        "https://elsewhere.example/photos/1/",
        "ftp://photos.example/photos/1/",
        f"{SITE}/u/alice/",
        f"{SITE}/photos/1/edit/",
    ],
)
def test_a_url_that_is_not_a_photo_page_here_answers_400_with_a_message(db, url):
    response = oembed(url=url)
    assert response.status_code == 400
    assert response.json()["error"] == "Give the address of a photo page on this site as “url”."


@pytest.mark.parametrize("value", ["0", "-5", "wide", "1e3", "９９", "9" * 5000])
def test_a_bad_size_answers_400_with_a_message(photo, value):
    response = oembed(url=f"{SITE}/photos/{photo.pk}/", maxwidth=value)
    assert response.status_code == 400
    assert response.json()["error"] == "maxwidth must be a positive whole number."


def test_xml_is_not_implemented(photo):
    response = oembed(url=f"{SITE}/photos/{photo.pk}/", format="xml")
    assert response.status_code == 501
    assert response.json()["error"] == "Only the JSON format is served."


def test_errors_speak_german(db):
    response = Client().get("/oembed", {"url": "nope"}, HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 400
    assert "Fotoseite" in response.json()["error"]

"""The API says no the same way whatever the request looks like: an empty PATCH on someone
else's photo or album is refused like a real one, a body must be a JSON object, and
titles and names must show something. Issue 13, defect 9."""

import pytest

from core.models import Event
from photos.models import Album, Photo
from photos.services import album_create

INVISIBLE = ["\u200b", "\u200b\u200c\u200d\u2060", "\ufeff", "\u3164", "\u00a0\u200b"]


@pytest.mark.parametrize("changes", [{}, {"title": "Mine now"}])
def test_patching_someone_elses_visible_photo_is_403_empty_or_not(api, bob, photo, changes):
    response = api(bob).patch(f"/photos/{photo.pk}", changes)
    assert response.status_code == 403
    assert response.json()["detail"] == "Only the owner can change this."
    assert Photo.objects.get().title == "Harbour at night"


@pytest.mark.parametrize("changes", [{}, {"title": "Mine now"}])
def test_patching_someone_elses_private_photo_is_404_empty_or_not(api, alice, bob, upload, changes):
    private = upload(alice, title="Secret", visibility="private")
    response = api(bob).patch(f"/photos/{private.pk}", changes)
    assert response.status_code == 404


@pytest.mark.parametrize("changes", [{}, {"title": "Mine now"}])
def test_patching_someone_elses_album_is_403_empty_or_not(api, alice, bob, changes):
    album = album_create(owner=alice, title="Harbours")
    response = api(bob).patch(f"/albums/{album.pk}", changes)
    assert response.status_code == 403
    assert Album.objects.get().title == "Harbours"


def test_an_empty_patch_by_the_owner_answers_the_photo_unchanged(api, alice, photo):
    response = api(alice).patch(f"/photos/{photo.pk}", {})
    assert response.status_code == 200 and response.json()["title"] == "Harbour at night"


@pytest.mark.parametrize("body", ['"Harbours"', "[1, 2]", "42", "null", "true"])
def test_a_body_that_is_not_a_json_object_creates_no_album(api, alice, body):
    owner = api(alice)
    events = Event.objects.count()
    response = owner.post("/albums", raw=body)
    assert response.status_code == 422
    assert "JSON object" in response.json()["detail"]
    assert not Album.objects.exists() and Event.objects.count() == events


@pytest.mark.parametrize("title", INVISIBLE)
def test_an_album_title_of_invisible_characters_is_refused(api, alice, title):
    response = api(alice).post("/albums", {"title": title})
    assert response.status_code == 400
    assert "title: Contains only invisible characters" in response.json()["detail"]
    assert not Album.objects.exists()


@pytest.mark.parametrize("title", INVISIBLE)
def test_a_photo_title_of_invisible_characters_is_refused(api, alice, photo, title):
    response = api(alice).patch(f"/photos/{photo.pk}", {"title": title})
    assert response.status_code == 400 and "invisible" in response.json()["detail"]
    assert Photo.objects.get().title == "Harbour at night"


def test_a_notifier_name_of_invisible_characters_is_refused(api, photo):
    notice = {
        "target_type": "photo",
        "target_id": photo.pk,
        "ground": "rules",
        "rule": "harassment",
        "explanation": "The caption mocks a named neighbour again and again.",
        "notifier_name": "\u200b\u200b",
        "notifier_email": "dana@example.net",
    }
    response = api().post("/notices", notice)
    assert response.status_code == 400 and "notifier_name" in response.json()["detail"]


def test_titles_with_something_visible_are_kept(api, alice):
    response = api(alice).post("/albums", {"title": "Hafen\u200b 港"})
    assert response.status_code == 201 and response.json()["title"] == "Hafen\u200b 港"


@pytest.mark.parametrize("ids", [[True], ["3"], [2.5]], ids=["boolean", "text", "fraction"])
def test_a_body_value_of_another_type_than_documented_is_422(api, alice, photo, ids):
    album = album_create(owner=alice, title="Harbours")
    response = api(alice).put(f"/albums/{album.pk}/photos", {"photo_ids": ids})
    assert response.status_code == 422 and "photo_ids" in response.json()["detail"]
    assert not album.entries.exists()


def test_a_whole_number_written_with_a_decimal_point_is_still_an_id(api, alice, photo):
    album = album_create(owner=alice, title="Harbours")
    response = api(alice).put(f"/albums/{album.pk}/photos", raw=f'{{"photo_ids": [{photo.pk}.0]}}')
    assert response.status_code == 200 and response.json()["photo_ids"] == [photo.pk]

"""A NUL or another control character in any text the API takes is refused with 400
naming the field, and stores nothing, on SQLite and PostgreSQL alike (PostgreSQL used to
answer 500: it cannot hold a NUL in text). Issue 13, defect 4."""

import pytest

from core.models import Event
from moderation.models import Notice
from photos.models import Album, Photo
from social.models import Comment

NUL = "\x00"


def refused(response, field: str) -> None:
    assert response.status_code == 400, response.content
    detail = response.json()["detail"]
    assert field in detail and "control character U+00" in detail


@pytest.mark.parametrize(
    ("params", "field"),
    [({"q": f"harbour{NUL}"}, "q"), ({"tag": f"sea{NUL}"}, "tag"), ({"user": f"al{NUL}"}, "user")],
)
def test_search_tag_and_user_filters_with_nul_answer_400(api, photo, params, field):
    refused(api().get("/photos", **params), field)


def test_album_filter_with_a_control_character_answers_400(api, alice):
    refused(api(alice).get("/albums", user="alice\x01"), "user")


@pytest.mark.parametrize(
    "path", ["/users/al%00ice", "/users/al%00ice/followers", "/users/al%1Bice/following"]
)
def test_a_username_in_the_path_with_a_control_character_answers_400(api, alice, path):
    response = api().client.get("/api/v1" + path)
    assert response.status_code == 400
    assert "control character" in response.json()["detail"]


def test_album_with_nul_in_title_or_description_stores_nothing(api, alice):
    owner = api(alice)
    events = Event.objects.count()
    refused(owner.post("/albums", {"title": f"Trip{NUL}"}), "title")
    refused(owner.post("/albums", {"title": "Trip", "description": "a\x07b"}), "description")
    assert not Album.objects.exists() and Event.objects.count() == events


def test_album_edit_with_nul_changes_nothing(api, alice):
    created = api(alice).post("/albums", {"title": "Trip"}).json()
    refused(api(alice).patch(f"/albums/{created['id']}", {"title": f"X{NUL}"}), "title")
    assert Album.objects.get().title == "Trip"


def test_comment_with_nul_stores_nothing(api, bob, photo):
    refused(api(bob).post(f"/photos/{photo.pk}/comments", {"body": f"nice{NUL}"}), "body")
    assert not Comment.objects.exists()


def test_photo_edit_with_nul_in_tags_changes_nothing(api, alice, photo):
    response = api(alice).patch(f"/photos/{photo.pk}", {"tags": ["sea", f"har{NUL}bour"]})
    refused(response, "tags")
    response = api(alice).patch(f"/photos/{photo.pk}", {"tags": f"sea har{NUL}bour"})
    refused(response, "tags")
    assert list(photo.tags.all()) == []


def test_upload_with_nul_in_the_title_stores_nothing(api, alice, jpeg, uploaded_file):
    response = api(alice).upload({"file": uploaded_file(jpeg), "title": f"Harbour{NUL}"})
    refused(response, "title")
    assert not Photo.objects.exists()


def test_notice_with_nul_in_any_text_stores_nothing(api, photo):
    notice = {
        "target_type": "photo",
        "target_id": photo.pk,
        "ground": "rules",
        "rule": "harassment",
        "explanation": "The caption mocks a named neighbour again and again.",
        "notifier_name": "Dana Passer",
        "notifier_email": "dana@example.net",
    }
    for field in ("explanation", "notifier_name", "rule"):
        refused(api().post("/notices", {**notice, field: f"x{NUL}y"}), field)
    assert not Notice.objects.exists()

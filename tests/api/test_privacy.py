"""A photo the caller may not see does not exist for them: not in any list, search,
album or comment endpoint, not as a rendition, and it cannot be changed."""

import json

import pytest

from photos.models import Photo
from photos.services import album_create, album_set_photos
from social.audience_services import follow_request_accept
from social.models import Comment, Favourite
from social.services import comment_post, follow_create
from tests.web.moderation_support import WITHHOLD_DE


@pytest.fixture
def secret_photo(alice, upload):
    """Alice's private photo, in her public album, with a comment, tagged and titled so
    that every filter would match it."""
    photo = upload(alice, title="Secret harbour", tags="harbour", visibility="private")
    album = album_create(owner=alice, title="Public album")
    album_set_photos(actor=alice, album=album, photo_ids=[photo.pk])
    comment_post(author=alice, photo_id=photo.pk, body="note to self")
    return photo


def every_read(client, photo: Photo) -> dict:
    album = photo.albums.get()
    return {
        "list": client.get("/photos"),
        "by user": client.get("/photos", user="alice"),
        "by tag": client.get("/photos", tag="harbour"),
        "search": client.get("/photos", q="secret"),
        "detail": client.get(f"/photos/{photo.pk}"),
        "comments": client.get(f"/photos/{photo.pk}/comments"),
        "album": client.get(f"/albums/{album.pk}"),
        "profile": client.get("/users/alice"),
    }


@pytest.mark.parametrize("who", ["anonymous", "bob", "bob following alice"])
def test_private_photo_never_appears_to_others(secret_photo, alice, bob, api, who):
    if who == "bob following alice":
        follow_create(follower=bob, followee=alice)
    client = api() if who == "anonymous" else api(bob)
    answers = every_read(client, secret_photo)
    assert answers["detail"].status_code == 404
    assert answers["comments"].status_code == 404
    for name, response in answers.items():
        text = response.content.decode()
        assert "Secret harbour" not in text and "note to self" not in text, name
        assert f"/r/{secret_photo.pk}/" not in text, name
    for name in ("list", "by user", "by tag", "search"):
        assert answers[name].json()["items"] == [], name
    assert answers["album"].json()["photo_ids"] == []
    assert answers["profile"].json()["counts"]["photos"] == 0


def test_owner_sees_their_private_photo_everywhere(secret_photo, alice, api):
    answers = every_read(api(alice), secret_photo)
    for name in ("list", "by user", "by tag", "search"):
        assert [p["id"] for p in answers[name].json()["items"]] == [secret_photo.pk], name
    assert answers["album"].json()["photo_ids"] == [secret_photo.pk]
    assert len(answers["comments"].json()["items"]) == 1


def test_private_rendition_urls_answer_404_to_others(secret_photo, alice, bob, api, client):
    urls = [
        r["url"] for r in api(alice).get(f"/photos/{secret_photo.pk}").json()["renditions"].values()
    ]
    assert len(urls) == 4
    for url in urls:
        assert client.get(url).status_code == 404
    client.force_login(bob)
    for url in urls:
        assert client.get(url).status_code == 404
    client.force_login(alice)
    assert all(client.get(url).status_code == 200 for url in urls)


def test_followers_only_photo_is_seen_by_followers_alone(alice, bob, make_user, api, upload):
    photo = upload(alice, visibility="followers")
    follow_create(follower=bob, followee=alice)  # a request: alice approves
    follow_request_accept(followee=alice, follower=bob)
    assert api(bob).get(f"/photos/{photo.pk}").status_code == 200
    assert api(make_user()).get(f"/photos/{photo.pk}").status_code == 404
    assert api().get("/photos").json()["items"] == []


def test_others_cannot_touch_a_private_photo(secret_photo, bob, api):
    bob_api = api(bob)
    comment = Comment.objects.get()
    attempts = {
        "patch": bob_api.patch(f"/photos/{secret_photo.pk}", {"title": "Mine now"}),
        "delete": bob_api.delete(f"/photos/{secret_photo.pk}"),
        "favourite": bob_api.post(f"/photos/{secret_photo.pk}/favourite"),
        "unfavourite": bob_api.delete(f"/photos/{secret_photo.pk}/favourite"),
        "comment": bob_api.post(f"/photos/{secret_photo.pk}/comments", {"body": "hi"}),
        "delete comment": bob_api.delete(f"/comments/{comment.pk}"),
    }
    for name, response in attempts.items():
        assert response.status_code == 404, name
        assert json.loads(response.content)["detail"], name
    secret_photo.refresh_from_db()
    assert secret_photo.title == "Secret harbour"
    assert not Favourite.objects.exists()
    assert list(Comment.objects.values_list("body", flat=True)) == ["note to self"]


def test_others_cannot_change_or_delete_a_public_photo(alice, bob, api, upload):
    photo = upload(alice, title="Alice's")
    for response in (
        api(bob).patch(f"/photos/{photo.pk}", {"title": "Bob's"}),
        api(bob).delete(f"/photos/{photo.pk}"),
    ):
        assert response.status_code == 403
        assert response.json()["detail"] == "Only the owner can change this."
    photo.refresh_from_db()
    assert photo.title == "Alice's"


def test_bobs_album_cannot_take_alices_private_photo(secret_photo, bob, api):
    album = album_create(owner=bob, title="Bob's")
    response = api(bob).put(f"/albums/{album.pk}/photos", {"photo_ids": [secret_photo.pk]})
    assert response.status_code == 403
    assert not album.entries.exists()


def test_photo_withheld_in_a_country_is_not_served_there_by_the_api(client, photo, report, decide):
    """DSA Art. 17(3)(a): withheld in named countries through every interface."""
    decide(report(photo).case, **WITHHOLD_DE)
    germany, france = {"HTTP_X_COUNTRY_CODE": "DE"}, {"HTTP_X_COUNTRY_CODE": "FR"}
    assert client.get(f"/api/v1/photos/{photo.pk}", **germany).status_code == 404
    assert client.get(f"/api/v1/photos/{photo.pk}/comments", **germany).status_code == 404
    listed = client.get("/api/v1/photos", **germany).json()["items"]
    assert photo.pk not in [item["id"] for item in listed]
    assert client.get(f"/api/v1/photos/{photo.pk}", **france).status_code == 200
    listed = client.get("/api/v1/photos", **france).json()["items"]
    assert photo.pk in [item["id"] for item in listed]


def test_owner_can_still_delete_a_photo_removed_by_moderation(photo, report, decide, api, alice):
    decide(report(photo).case)
    assert api().get(f"/photos/{photo.pk}").status_code == 404
    assert api(alice, "write").delete(f"/photos/{photo.pk}").status_code == 204
    assert not Photo.objects.filter(pk=photo.pk).exists()

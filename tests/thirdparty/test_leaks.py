"""An app sees public content and its user's own, never the user's social reach: no
followers-only or private photo of anyone else (even someone the user follows), no other
user's e-mail address, no moderator powers."""

import pytest
from django.test import Client

from accounts.services import token_create
from photos.services import album_create, album_set_photos
from social.services import comment_post, follow_create
from tests.api.conftest import ApiClient


@pytest.fixture
def world(alice, bob, upload):
    """Bob's photos of every visibility; alice follows bob; alice has a private photo."""
    follow_create(follower=alice, followee=bob)
    bob_public = upload(bob, title="Bob public", visibility="public")
    bob_followers = upload(bob, title="Bob followers", visibility="followers")
    bob_private = upload(bob, title="Bob private", visibility="private")
    alice_private = upload(alice, title="Alice private", visibility="private")
    comment_post(author=bob, photo_id=bob_followers.pk, body="Only for my followers")
    album = album_create(owner=bob, title="Bob's friends album", visibility="followers")
    album_set_photos(actor=bob, album=album, photo_ids=[bob_followers.pk])
    return {
        "bob_public": bob_public,
        "bob_followers": bob_followers,
        "bob_private": bob_private,
        "alice_private": alice_private,
        "bob_album": album,
    }


def ids(response) -> set[int]:
    return {item["id"] for item in response.json()["items"]}


@pytest.mark.django_db
def test_alice_herself_can_see_bobs_followers_only_photo(world, alice):
    """The control: with her own personal token alice does see it, so what the app is
    refused below is exactly the social reach an app must not get."""
    mine = ApiClient(token_create(user=alice, name="me", scopes=["read"])[1])
    assert mine.get(f"/photos/{world['bob_followers'].pk}").status_code == 200


@pytest.mark.django_db
def test_an_app_reads_its_users_own_private_photo(oauth, world, alice):
    app = oauth().api(alice, "read:own")
    answer = app.get(f"/photos/{world['alice_private'].pk}")
    assert answer.status_code == 200 and answer.json()["title"] == "Alice private"
    assert world["alice_private"].pk in ids(app.get("/photos", user="alice"))


@pytest.mark.django_db
@pytest.mark.parametrize("which", ["bob_followers", "bob_private"])
def test_an_app_never_reads_another_users_non_public_photo(oauth, world, alice, which):
    app = oauth().api(alice, "read:public read:own write")
    photo_id = world[which].pk
    assert app.get(f"/photos/{photo_id}").status_code == 404
    assert photo_id not in ids(app.get("/photos"))
    assert photo_id not in ids(app.get("/photos", user="bob"))
    assert photo_id not in ids(app.get("/photos", q="Bob"))
    assert app.get(f"/photos/{photo_id}/comments").status_code == 404
    assert app.post(f"/photos/{photo_id}/favourite").status_code == 404
    assert app.post(f"/photos/{photo_id}/comments", {"body": "hi"}).status_code == 404
    assert world["bob_public"].pk in ids(app.get("/photos", user="bob"))


@pytest.mark.django_db
def test_an_app_never_sees_a_followers_only_album_or_its_photos(oauth, world, alice):
    app = oauth().api(alice, "read:own")
    assert app.get(f"/albums/{world['bob_album'].pk}").status_code == 404
    assert world["bob_album"].pk not in ids(app.get("/albums", user="bob"))


@pytest.mark.django_db
def test_an_apps_profile_counts_do_not_reveal_hidden_photos(oauth, world, alice):
    app = oauth().api(alice, "read:own")
    assert app.get("/users/bob").json()["counts"]["photos"] == 1


@pytest.mark.django_db
def test_an_app_never_reads_another_users_email(oauth, world, alice, bob):
    app = oauth().api(alice, "read:public read:own")
    assert app.get("/users/bob").json()["email"] is None
    assert app.get("/me").json()["email"] == alice.email


@pytest.mark.django_db
def test_read_public_sees_only_public_content_and_not_the_users_own_private_data(
    oauth, world, alice
):
    app = oauth().api(alice, "read:public")
    assert app.get(f"/photos/{world['alice_private'].pk}").status_code == 404
    assert app.get(f"/photos/{world['bob_public'].pk}").status_code == 200
    assert app.get("/users/alice").json()["email"] is None
    refused = app.get("/me")
    assert refused.status_code == 403 and "read:own" in refused.json()["detail"]


@pytest.mark.django_db
def test_write_without_read_own_cannot_read_own_private_data(oauth, world, alice):
    app = oauth().api(alice, "write")
    assert app.get("/me").status_code == 403
    refused = app.get(f"/photos/{world['alice_private'].pk}")
    assert refused.status_code == 403 and "read:public" in refused.json()["detail"]


@pytest.mark.django_db
def test_read_scopes_cannot_change_anything(oauth, world, alice):
    app = oauth().api(alice, "read:own")
    answer = app.patch(f"/photos/{world['alice_private'].pk}", {"title": "Changed"})
    assert answer.status_code == 403 and "write" in answer.json()["detail"]
    world["alice_private"].refresh_from_db()
    assert world["alice_private"].title == "Alice private"


@pytest.mark.django_db
def test_write_edits_own_photos_but_cannot_touch_anyone_elses(oauth, world, alice):
    app = oauth().api(alice, "write")
    assert app.patch(f"/photos/{world['alice_private'].pk}", {"title": "New"}).status_code == 200
    assert app.patch(f"/photos/{world['bob_public'].pk}", {"title": "Mine"}).status_code == 403
    assert app.delete(f"/photos/{world['bob_followers'].pk}").status_code == 404
    world["bob_public"].refresh_from_db()
    assert world["bob_public"].title == "Bob public"


@pytest.mark.django_db
def test_rendition_urls_do_not_open_with_an_app_token(oauth, world, alice):
    """Image URLs follow the browser session, never a bearer token: an app gets no image
    of a non-public photo, not even of one its user may see."""
    secret = oauth().token(alice, "read:own")
    browser = Client(headers={"Authorization": f"Bearer {secret}"})
    for which in ("bob_followers", "bob_private", "alice_private"):
        assert browser.get(f"/r/{world[which].pk}/small.jpg").status_code == 404
        assert browser.get(f"/photos/{world[which].pk}/original").status_code in (302, 404)
    assert browser.get(f"/r/{world['bob_public'].pk}/small.jpg").status_code == 200


@pytest.mark.django_db
def test_an_app_authorised_by_a_moderator_gets_no_moderation_powers(oauth, make_user):
    moderator = make_user("mia", role="moderator")
    app = oauth().api(moderator, "read:public read:own write")
    assert app.get("/moderation/queue").status_code == 403
    assert (
        ApiClient(token_create(user=moderator, name="t", scopes=["read"], second_factor=True)[1])
        .get("/moderation/queue")
        .status_code
        == 200
    )

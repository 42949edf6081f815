"""Profiles: public facts for anyone, the e-mail address only for its owner."""

import io

from accounts.services import profile_update
from photos.samples import sample_jpeg
from social.services import follow_create


def test_profile_shows_public_facts_and_counts(alice, bob, api, upload):
    upload(alice)
    upload(alice, visibility="private")
    follow_create(follower=bob, followee=alice)
    body = api().get("/users/alice").json()
    assert body["username"] == "alice"
    assert body["display_name"] == "Alice Example"
    assert body["counts"] == {"photos": 1, "followers": 1, "following": 0}
    assert body["followed_by_you"] is False
    assert body["avatar_url"] is None


def test_profile_never_shows_someone_elses_email(alice, bob, api):
    assert api().get("/users/alice").json()["email"] is None
    assert api(bob).get("/users/alice").json()["email"] is None
    assert api(alice).get("/users/alice").json()["email"] == "alice@example.org"


def test_profile_counts_the_callers_own_private_photos_only_for_them(alice, api, upload):
    upload(alice, visibility="private")
    assert api(alice).get("/users/alice").json()["counts"]["photos"] == 1
    assert api().get("/users/alice").json()["counts"]["photos"] == 0


def test_profile_says_whether_the_caller_follows(alice, bob, api):
    follow_create(follower=bob, followee=alice)
    assert api(bob).get("/users/alice").json()["followed_by_you"] is True


def test_profile_gives_absolute_avatar_url(alice, api):
    profile_update(
        user=alice, display_name="A", bio="Hi", avatar_file=io.BytesIO(sample_jpeg(300, 300))
    )
    body = api().get("/users/alice").json()
    assert body["bio"] == "Hi"
    assert body["avatar_url"].startswith(f"http://testserver/avatars/{alice.pk}.jpg?v=")


def test_unknown_or_inactive_user_answers_404(alice, make_user, api):
    make_user("gone", is_active=False)
    for name in ("nobody", "gone"):
        response = api().get(f"/users/{name}")
        assert response.status_code == 404
        assert name in response.json()["detail"]


def test_me_answers_the_token_owners_profile(alice, bob, api):
    body = api(bob, "read").get("/me").json()
    assert (body["username"], body["email"]) == ("bob", "bob@example.org")

import io

from PIL import Image

from accounts.models import ApiToken
from accounts.services import hash_token
from core.models import Event
from social.models import Follow
from tests.web.conftest import media_files


def test_profile_shows_name_bio_counts_and_a_follow_button(client, alice, bob, make_user):
    alice.bio = "Street photographer in Berlin."
    alice.save()
    Follow.objects.create(follower=bob, followee=alice)
    client.force_login(make_user("carol"))
    page = client.get("/u/alice/").content.decode()
    assert "Alice Example" in page and "@alice" in page
    assert "Street photographer in Berlin." in page
    assert "<strong>1</strong> follower" in page
    assert 'action="/u/alice/follow/"' in page
    assert 'href="/u/alice/favourites/"' in page


def test_unknown_profile_is_404(client, db):
    assert client.get("/u/nobody/").status_code == 404


def test_follow_and_unfollow_by_post(client, alice, bob):
    client.force_login(bob)
    assert client.post("/u/alice/follow/").status_code == 302
    assert Follow.objects.filter(follower=bob, followee=alice).exists()
    assert Event.objects.filter(kind="follow.created").count() == 1
    assert 'action="/u/alice/unfollow/"' in client.get("/u/alice/").content.decode()
    client.post("/u/alice/unfollow/")
    assert not Follow.objects.exists()


def test_follow_needs_post_and_a_login(client, alice, bob):
    assert client.post("/u/alice/follow/").status_code == 302  # to the login page
    client.force_login(bob)
    assert client.get("/u/alice/follow/").status_code == 405
    assert not Follow.objects.exists()


def test_following_yourself_is_refused_with_a_message(client, alice):
    client.force_login(alice)
    response = client.post("/u/alice/follow/", follow=True)
    assert "You cannot follow yourself." in response.content.decode()
    assert not Follow.objects.exists()


def test_profile_settings_update_name_bio_and_avatar(client, alice, small_jpeg):
    client.force_login(alice)
    avatar = io.BytesIO(small_jpeg(seed=3))
    avatar.name = "me.jpg"
    response = client.post(
        "/settings/profile/", {"display_name": "Alice E.", "bio": "Hi", "avatar": avatar}
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert (alice.display_name, alice.bio) == ("Alice E.", "Hi")
    assert alice.avatar.startswith("avatars/")
    served = client.get(f"/avatars/{alice.pk}.jpg")
    assert served.status_code == 200
    image = Image.open(io.BytesIO(b"".join(served.streaming_content)))
    assert image.size == (256, 256)
    assert f"/avatars/{alice.pk}.jpg?v=" in client.get("/u/alice/").content.decode()


def test_profile_settings_refuse_a_non_image_avatar_and_change_nothing(client, alice, media_dir):
    client.force_login(alice)
    bogus = io.BytesIO(b"this is not an image at all")
    bogus.name = "me.jpg"
    response = client.post(
        "/settings/profile/", {"display_name": "Changed", "bio": "", "avatar": bogus}
    )
    assert response.status_code == 400
    assert "This file is not an image" in response.content.decode()
    alice.refresh_from_db()
    assert alice.display_name == "Alice Example" and alice.avatar == ""
    assert media_files(media_dir) == []


def test_profile_settings_refuse_a_too_long_display_name(client, alice):
    client.force_login(alice)
    response = client.post("/settings/profile/", {"display_name": "x" * 81, "bio": ""})
    assert response.status_code == 400
    alice.refresh_from_db()
    assert alice.display_name == "Alice Example"


def test_avatar_of_a_user_without_one_is_404(client, alice):
    assert client.get(f"/avatars/{alice.pk}.jpg").status_code == 404


def test_token_secret_is_shown_once_and_only_its_hash_is_stored(client, alice):
    client.force_login(alice)
    response = client.post("/settings/tokens/", {"name": "laptop", "scopes": ["read", "write"]})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    secret = page.split('id="new-token" class="secret" type="text" value="')[1].split('"')[0]
    token = ApiToken.objects.get(user=alice)
    assert token.token_hash == hash_token(secret)
    assert token.scopes == ["read", "write"]
    listing = client.get("/settings/tokens/").content.decode()
    assert "laptop" in listing and secret not in listing


def test_token_without_scopes_is_refused(client, alice):
    client.force_login(alice)
    response = client.post("/settings/tokens/", {"name": "laptop"})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    response = client.post("/settings/tokens/", {"name": "x", "scopes": ["admin"]})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_revoking_a_token(client, alice, bob):
    client.force_login(alice)
    client.post("/settings/tokens/", {"name": "laptop", "scopes": ["read"]})
    token = ApiToken.objects.get()
    client.force_login(bob)
    assert client.post(f"/settings/tokens/{token.pk}/revoke/").status_code == 404
    client.force_login(alice)
    assert client.post(f"/settings/tokens/{token.pk}/revoke/").status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert Event.objects.filter(kind="token.revoked").count() == 1
    client.get("/settings/tokens/")  # consumes the "revoked" message
    listing = client.get("/settings/tokens/").content.decode()
    assert token.prefix not in listing and "You have no active tokens." in listing

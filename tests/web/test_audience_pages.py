"""The web side of audiences: the profile's Requested, block, mute and remove-follower
buttons, /settings/privacy/ and the keyset-paged lists of followers and following."""

import html
import re

import pytest

from social.audience_services import block_create, follow_approval_set, mute_create
from social.models import Block, Follow, FollowRequest, Mute
from social.services import follow_create


@pytest.fixture
def private_alice(alice, upload, small_jpeg):
    """alice has a followers-only photo: follows to her need her approval."""
    upload(alice, small_jpeg(seed=7), title="Family cabin", visibility="followers")
    return alice


def test_following_a_member_who_approves_shows_requested(client, private_alice, bob):
    client.force_login(bob)
    response = client.post("/u/alice/follow/", follow=True)
    html = response.content.decode()
    assert "They will decide whether to accept" in html
    assert ">Requested</button>" in html
    assert "Family cabin" not in html
    assert FollowRequest.objects.filter(follower=bob, state="pending").exists()
    assert not Follow.objects.exists()


def test_the_requested_button_speaks_german_and_takes_the_request_back(client, private_alice, bob):
    follow_create(follower=bob, followee=private_alice)
    client.force_login(bob)
    html = client.get("/u/alice/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert ">Angefragt</button>" in html
    client.post("/u/alice/unfollow/")
    assert FollowRequest.objects.get().state == "cancelled"


def test_the_owner_accepts_on_the_privacy_page_and_the_follower_then_sees(
    client, private_alice, bob
):
    follow_create(follower=bob, followee=private_alice)
    client.force_login(private_alice)
    page = client.get("/settings/privacy/").content.decode()
    assert 'action="/settings/privacy/requests/bob/accept/"' in page
    response = client.post("/settings/privacy/requests/bob/accept/", {"back": "privacy"})
    assert response["Location"] == "/settings/privacy/"
    assert Follow.objects.filter(follower=bob, followee=private_alice).exists()
    client.force_login(bob)
    assert "Family cabin" in client.get("/u/alice/").content.decode()


def test_refusing_on_the_privacy_page(client, private_alice, bob):
    follow_create(follower=bob, followee=private_alice)
    client.force_login(private_alice)
    client.post("/settings/privacy/requests/bob/refuse/", {"back": "privacy"})
    assert FollowRequest.objects.get().state == "refused"
    assert "No follow requests are waiting." in client.get("/settings/privacy/").content.decode()


def test_the_approval_choice_is_saved_and_a_bad_one_changes_nothing(client, alice):
    client.force_login(alice)
    page = client.get("/settings/privacy/").content.decode()
    assert 'value="automatic" ' in page and "checked" in page
    client.post("/settings/privacy/", {"follow_approval": "always"})
    assert alice.audience_setting.follow_approval == "always"
    response = client.post("/settings/privacy/", {"follow_approval": "maybe"})
    assert response.status_code == 200
    alice.audience_setting.refresh_from_db()
    assert alice.audience_setting.follow_approval == "always"


def test_the_privacy_page_needs_a_signed_in_member(client):
    assert client.get("/settings/privacy/")["Location"].startswith("/accounts/login/")


def test_block_and_mute_buttons_on_a_profile(client, alice, bob):
    follow_create(follower=bob, followee=alice)
    client.force_login(bob)
    html = client.get("/u/alice/").content.decode()
    assert 'action="/u/alice/block/"' in html and 'action="/u/alice/mute/"' in html
    client.post("/u/alice/mute/")
    assert Mute.objects.filter(muter=bob, muted=alice).exists()
    assert 'action="/u/alice/unmute/"' in client.get("/u/alice/").content.decode()
    response = client.post("/u/alice/block/", follow=True)
    assert "You blocked Alice Example." in response.content.decode()
    assert Block.objects.filter(blocker=bob, blocked=alice).exists()
    assert not Follow.objects.exists()


def test_a_blocked_viewer_sees_the_profile_without_its_photos(client, alice, bob, upload):
    upload(alice, title="Harbour at dusk")
    client.force_login(bob)
    assert "Harbour at dusk" in client.get("/u/alice/").content.decode()  # cached for others
    block_create(blocker=alice, blocked=bob)
    html = client.get("/u/alice/").content.decode()
    assert "Harbour at dusk" not in html
    assert "You cannot follow this member." in html
    client.logout()
    assert "Harbour at dusk" in client.get("/u/alice/").content.decode()


def test_the_owner_removes_a_follower_from_the_profile(client, alice, bob):
    follow_create(follower=bob, followee=alice)
    client.force_login(alice)
    html = client.get("/u/bob/").content.decode()
    assert 'action="/u/bob/remove-follower/"' in html
    client.post("/u/bob/remove-follower/")
    assert not Follow.objects.exists()


def test_unblock_and_unmute_from_the_privacy_page(client, alice, bob):
    block_create(blocker=alice, blocked=bob)
    mute_create(muter=alice, muted=bob)
    client.force_login(alice)
    html = client.get("/settings/privacy/").content.decode()
    assert 'action="/u/bob/unblock/"' in html and 'action="/u/bob/unmute/"' in html
    client.post("/u/bob/unblock/", {"back": "privacy"})
    client.post("/u/bob/unmute/", {"back": "privacy"})
    assert not Block.objects.exists() and not Mute.objects.exists()


def test_follower_counts_link_to_keyset_paged_lists(client, alice, make_user):
    follow_approval_set(member=alice, approval="never")
    fans = [make_user(f"fan{i:02d}") for i in range(25)]
    for fan in fans:
        follow_create(follower=fan, followee=alice)
    profile = client.get("/u/alice/").content.decode()
    assert 'href="/u/alice/followers/"' in profile and 'href="/u/alice/following/"' in profile
    first = client.get("/u/alice/followers/").content.decode()
    shown = re.findall(r'href="/u/(fan\d+)/"', first)
    assert shown[0] == "fan24" and len(shown) < 25
    older = html.unescape(re.search(r'href="(\?cursor=[^"]+)"', first).group(1))
    second = client.get(f"/u/alice/followers/{older}").content.decode()
    rest = re.findall(r'href="/u/(fan\d+)/"', second)
    assert sorted(shown + rest) == sorted(f.username for f in fans)
    following = client.get("/u/fan00/following/").content.decode()
    assert 'href="/u/alice/"' in following

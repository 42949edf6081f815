"""Audiences in a real browser: a follow request that the owner accepts on the privacy
settings page before the follower sees her followers-only photo; and a block that takes
her photos away from the blocked member and refuses his follow and comments."""

import re

import pytest
from playwright.sync_api import expect

from photos.samples import sample_jpeg
from social.models import Block, Follow, FollowRequest

pytestmark = pytest.mark.browser


def log_in(page, username: str):
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".menu summary")).to_be_visible()


@pytest.fixture
def cabin(alice, upload):
    """alice's followers-only photo: her follows need approval (automatic)."""
    return upload(
        alice, sample_jpeg(320, 240, seed=3), title="Family cabin", visibility="followers"
    )


def test_follow_request_accepted_then_the_follower_sees_the_photo(new_page, alice, bob, cabin):
    bobs = new_page()
    log_in(bobs, "bob")
    bobs.goto("/u/alice/")
    bobs.get_by_role("button", name="Follow", exact=True).click()
    expect(bobs.get_by_text("They will decide whether to accept")).to_be_visible()
    expect(bobs.get_by_role("button", name="Requested")).to_be_visible()
    assert bobs.goto(f"/photos/{cabin.pk}/").status == 404

    alices = new_page()
    log_in(alices, "alice")
    alices.goto("/settings/privacy/")
    requests = alices.get_by_role("region", name="Follow requests")
    expect(requests.get_by_role("link", name="bob")).to_be_visible()
    requests.get_by_role("button", name="Accept").click()
    expect(alices.get_by_text("bob now follows you.")).to_be_visible()
    expect(alices.get_by_text("No follow requests are waiting.")).to_be_visible()
    assert Follow.objects.filter(follower=bob, followee=alice).exists()

    bobs.goto("/u/alice/")
    expect(bobs.get_by_role("button", name="Unfollow")).to_be_visible()
    bobs.goto(f"/photos/{cabin.pk}/")
    expect(bobs.get_by_role("heading", name="Family cabin")).to_be_visible()


def test_block_takes_the_photos_away_and_refuses_follow(new_page, alice, bob, upload, cabin):
    upload(alice, sample_jpeg(320, 240, seed=4), title="Harbour at dusk")
    alices = new_page()
    log_in(alices, "alice")
    alices.goto("/u/bob/")
    alices.get_by_role("button", name="Block").click()
    expect(alices.get_by_text("You blocked bob.")).to_be_visible()
    expect(alices.get_by_role("button", name="Unblock")).to_be_visible()
    assert Block.objects.filter(blocker=alice, blocked=bob).exists()

    bobs = new_page()
    log_in(bobs, "bob")
    bobs.goto("/u/alice/")
    expect(bobs.get_by_text("You cannot follow this member.")).to_be_visible()
    expect(bobs.get_by_text("Harbour at dusk")).to_have_count(0)
    expect(bobs.get_by_role("button", name="Follow", exact=True)).to_have_count(0)
    bobs.goto("/explore/")
    expect(bobs.get_by_text("Harbour at dusk")).to_have_count(0)
    assert not FollowRequest.objects.exists() and not Follow.objects.exists()

    alices.goto("/settings/privacy/")
    blocked = alices.get_by_role("region", name="Blocked accounts")
    blocked.get_by_role("button", name="Unblock").click()
    expect(alices.get_by_text("You unblocked bob.")).to_be_visible()
    bobs.goto("/u/alice/")
    expect(bobs.get_by_text("Harbour at dusk")).to_be_visible()
    expect(bobs).to_have_url(re.compile("/u/alice/$"))

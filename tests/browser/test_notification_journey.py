"""Notifications in a real browser: bob favourites alice's photo; alice sees the unread
badge in the header, opens /notifications/, the notification leads to the photo, and the
badge is gone."""

import io
import re

import pytest
from playwright.sync_api import expect

from accounts.models import User
from notifications.kinds import Email, Kind
from notifications.selectors import email_choices
from photos.samples import sample_jpeg
from photos.services import photo_upload
from tests.browser.accessibility_support import axe_violations, describe

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery"


def log_in(page, username: str):
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".menu summary")).to_be_visible()


def test_a_favourite_shows_as_a_badge_and_leads_to_the_photo(new_page, artifacts):
    alice = User.objects.create_user("alice", "alice@example.org", PASSWORD)
    User.objects.create_user("bob", "bob@example.org", PASSWORD)
    data = sample_jpeg(800, 600, seed=3)
    photo = photo_upload(
        owner=alice, file=io.BytesIO(data), filename="pier.jpg", size=len(data), title="Pier"
    )

    bob = new_page()
    log_in(bob, "bob")
    bob.goto(f"/photos/{photo.pk}/")
    bob.get_by_role("button", name="Favourite").click()
    expect(bob.get_by_text("1 favourite", exact=True)).to_be_visible()

    page = new_page()
    log_in(page, "alice")
    link = page.get_by_role("link", name=re.compile(r"^Notifications 1 unread$"))
    expect(link).to_be_visible()
    page.screenshot(path=str(artifacts / "notification-badge.png"))
    link.click()
    expect(page).to_have_url(re.compile(r"/notifications/$"))
    item = page.get_by_role("link", name="bob added your photo “Pier” to their favourites.")
    expect(item).to_be_visible()
    assert describe(page.url, axe_violations(page)) == []
    page.screenshot(path=str(artifacts / "notifications-page.png"))
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.set_viewport_size({"width": 1280, "height": 900})
    item.click()
    expect(page).to_have_url(re.compile(rf"/photos/{photo.pk}/$"))
    expect(page.get_by_role("heading", name="Pier")).to_be_visible()
    expect(page.get_by_role("link", name="Notifications", exact=True)).to_be_visible()
    expect(page.locator(".unread-count")).to_have_count(0)

    page.goto("/settings/notifications/")
    assert describe(page.url, axe_violations(page)) == []
    page.get_by_role("group", name="Favourites of your photos").get_by_label(
        "E-mail at once"
    ).check()
    page.get_by_role("button", name="Save notification settings").click()
    expect(page.get_by_text("Your notification settings are saved.")).to_be_visible()
    assert email_choices(alice)[Kind.FAVOURITE] == Email.IMMEDIATE

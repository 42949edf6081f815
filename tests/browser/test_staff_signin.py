"""A moderator signs in in a real browser with the password and then the code of their
authenticator app (computed here from the device's key) and reaches the queue."""

import re

import pytest
from playwright.sync_api import expect

from tests.moderation_fixtures import current_code, staff_device

pytestmark = pytest.mark.browser


def test_a_moderator_signs_in_with_password_and_code_and_reaches_the_queue(new_page, make_user):
    moderator = make_user("mia", role="moderator")
    device = staff_device(moderator)
    page = new_page()
    page.goto("/moderation/")
    page.get_by_label("Username").fill("mia")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Sign-in code")).to_be_visible()
    page.get_by_label("Code", exact=True).fill(current_code(device, offset=-3))
    page.get_by_role("button", name="Confirm", exact=True).click()
    expect(page.get_by_text("That code is not right")).to_be_visible()
    device.refresh_from_db()
    device.throttle_reset()
    page.get_by_label("Code", exact=True).fill(current_code(device))
    page.get_by_role("button", name="Confirm", exact=True).click()
    expect(page).to_have_url(re.compile(r"/moderation/$"))
    expect(page.get_by_role("heading", name="Moderation queue")).to_be_visible()

"""The settings in a real browser (issue 17): from the menu to the settings page, every
section listed, the side list leading to Defaults, saving them and finding them on the
upload form; a long checkbox label stays beside its box on a phone-sized screen."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_golden_path import sign_up

pytestmark = pytest.mark.browser

SECTIONS = [
    "Profile",
    "Account",
    "Defaults",
    "Notifications",
    "Privacy",
    "Consent and AI",
    "Your data",
    "Apps and tokens",
]


def beside(page, box_selector: str, label_text: str) -> None:
    """The label starts right of its box, on the box's line (not wrapped under it)."""
    box = page.locator(box_selector).bounding_box()
    label = page.locator("label", has_text=label_text).bounding_box()
    assert label["x"] >= box["x"] + box["width"], (box, label)
    assert abs(label["y"] - box["y"]) < box["height"], (box, label)


def test_a_long_checkbox_label_wraps_beside_its_box_on_a_phone(new_page):
    page = new_page()
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/accounts/signup/")
    beside(page, "#id_accept_terms", "I have read the terms of service")


def test_settings_page_lists_every_section_and_defaults_reach_the_upload_form(new_page, artifacts):
    page = new_page()
    sign_up(page, "petra")
    page.locator("summary").filter(has_text="petra").click()
    page.get_by_role("link", name="Settings", exact=True).click()
    expect(page.get_by_role("heading", name="Settings", exact=True)).to_be_visible()
    for title in SECTIONS:
        expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible()
    page.screenshot(path=str(artifacts / "settings-index.png"), full_page=True)

    page.get_by_role("navigation", name="Settings").get_by_role("link", name="Defaults").click()
    page.get_by_label("Licence").select_option("cc-by")
    page.get_by_label("Visibility").select_option("followers")
    page.get_by_label("Show location").check()
    page.get_by_role("button", name="Save defaults").click()
    expect(page.get_by_text("Your defaults are saved.")).to_be_visible()

    page.goto("/upload/")
    expect(page.get_by_label("Licence")).to_have_value("cc-by")
    expect(page.get_by_label("Visibility")).to_have_value("followers")
    expect(page.get_by_label("Show location")).to_be_checked()

    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/settings/account/")
    expect(page.get_by_role("heading", name="Account", exact=True)).to_be_visible()
    page.screenshot(path=str(artifacts / "settings-account-375.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the account page scrolls sideways at 375 px ({width} px)"

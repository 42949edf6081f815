"""Consent settings in a real browser: open them from the menu, allow AI training, see the
change in the history, download its receipt, and find the new value in the served file."""

import json

import pytest
from playwright.sync_api import expect

from consent.models import ConsentChange
from consent.selectors.consent import account_consents
from tests.browser.test_golden_path import sign_up, upload_photo

pytestmark = pytest.mark.browser


def test_allow_ai_training_see_history_download_receipt(new_page, tmp_path, artifacts):
    from photos.samples import sample_jpeg

    photo_file = tmp_path / "harbour.jpg"
    photo_file.write_bytes(sample_jpeg(800, 600, seed=4))
    page = new_page()
    sign_up(page, "odile")
    upload_photo(page, photo_file)

    page.locator("summary").filter(has_text="odile").click()
    page.get_by_role("link", name="Consent and AI").click()
    expect(page.get_by_text("Candid itself never runs face recognition")).to_be_visible()
    expect(page.get_by_text("No changes yet")).to_be_visible()
    checkbox = page.get_by_label("Allow AI/ML training")
    expect(checkbox).not_to_be_checked()
    checkbox.check()
    page.get_by_role("button", name="Save consent settings").click()
    expect(page.get_by_text("Your consent settings are saved.")).to_be_visible()
    expect(page.get_by_label("Allow AI/ML training")).to_be_checked()

    row = page.locator("table.consent-history tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("AI/ML training")
    expect(row.locator("td").nth(3)).to_have_text("Not allowed")
    expect(row.locator("td").nth(4)).to_have_text("Allowed")
    page.screenshot(path=str(artifacts / "consent-settings.png"), full_page=True)

    change = ConsentChange.objects.get()
    with page.expect_download() as info:
        row.get_by_role("link", name=f"Receipt of change {change.pk}").click()
    receipt = json.loads(open(info.value.path(), encoding="utf-8").read())
    assert info.value.suggested_filename == f"candid-consent-receipt-{change.pk}.json"
    assert (receipt["purpose"], receipt["new"], receipt["hash"]) == (
        "ai_training",
        "allowed",
        change.hash,
    )
    assert account_consents(change.user)["ai_training"] is True

"""Withdrawal in a real browser: a photographer whose photos went into a dataset release
withdraws consent for the whole account in one action and follows each licensee's
acknowledgement on the withdrawals page."""

import pytest
from playwright.sync_api import expect

from consent.models import DeletionNotice
from consent.services.deletion_notices import deletion_notice_acknowledge
from tests.consent.releases_support import (  # noqa: F401
    PURPOSE,
    admin,
    consenting,
    dataset,
    download,
    licensee_with,
    published,
)

pytestmark = pytest.mark.browser


def log_in(page, username: str):
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".menu summary")).to_be_visible()


def test_withdraw_the_whole_account_and_follow_the_acknowledgements(
    new_page,
    alice,
    admin,
    dataset,
    consenting,
    artifacts,  # noqa: F811
):
    photos = [consenting(title="Quay"), consenting(title="Ferry")]
    release = published(admin, dataset)
    lab, _ = licensee_with(admin, dataset, "Lab One")
    download(lab, release)

    page = new_page()
    log_in(page, "alice")
    page.goto("/settings/consent/")
    page.get_by_role("link", name="withdraw consent").click()
    page.get_by_label("My whole account (all photos, now and future)").check()
    page.get_by_role("button", name="Withdraw consent").click()
    expect(page.get_by_text("Consent withdrawn for 2 photos.")).to_be_visible()
    expect(page.get_by_text("Lab One").first).to_be_visible()
    expect(page.get_by_text("not yet acknowledged").first).to_be_visible()
    page.screenshot(path=str(artifacts / "consent-withdrawals.png"), full_page=True)

    notice = DeletionNotice.objects.get()
    assert {item.photo_ref for item in notice.items.all()} == {p.pk for p in photos}
    deletion_notice_acknowledge(licensee=lab, notice=notice, via="api")
    page.reload()
    expect(page.get_by_text("deletion acknowledged").first).to_be_visible()

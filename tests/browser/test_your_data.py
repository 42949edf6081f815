"""'Your data' in a real browser: find it in the menu, request an export, download the
ZIP, ask for the account to be deleted and cancel; another user's link is refused."""

import io
import zipfile

import pytest
from playwright.sync_api import expect

from rights.models import DataExport, ErasureRequest
from tests.browser.test_golden_path import sign_up, upload_photo

pytestmark = pytest.mark.browser


def test_export_download_and_erasure_cancel(new_page, tmp_path, artifacts):
    from photos.samples import sample_jpeg

    photo_file = tmp_path / "pier.jpg"
    photo_file.write_bytes(sample_jpeg(800, 600, seed=3))
    page = new_page()
    sign_up(page, "imogen")
    upload_photo(page, photo_file)

    page.locator("summary").filter(has_text="imogen").click()
    page.get_by_role("link", name="Your data").click()
    expect(page.get_by_role("heading", name="Your data", exact=True)).to_be_visible()
    page.get_by_role("button", name="Request an export").click()
    expect(page.get_by_text("Your export is being prepared")).to_be_visible()
    expect(page.locator(".export-state").first).to_contain_text("ready")
    with page.expect_download() as info:
        page.get_by_role("link", name="Download").click()
    archive = zipfile.ZipFile(io.BytesIO(open(info.value.path(), "rb").read()))
    assert "README.md" in archive.namelist() and "photos/photos.json" in archive.namelist()
    page.screenshot(path=str(artifacts / "your-data.png"), full_page=True)

    page.get_by_label("Type your username").fill("imogen")
    page.get_by_role("button", name="Delete my account").click()
    expect(page.locator(".erasure-date")).to_contain_text("will be deleted on")
    assert ErasureRequest.objects.get().state == "scheduled"
    page.get_by_role("button", name="Cancel the deletion").click()
    expect(page.get_by_text("Your account will not be deleted.")).to_be_visible()
    assert ErasureRequest.objects.get().state == "cancelled"

    token = DataExport.objects.get().token
    stranger = new_page()
    sign_up(stranger, "mallory")
    response = stranger.goto(f"/settings/data/exports/{token}/download")
    assert response.status == 403
    expect(stranger.get_by_role("alert")).to_contain_text("belongs to another account")

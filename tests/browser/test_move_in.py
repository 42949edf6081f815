"""Settings → Move in in a real browser: the zips of a Flickr export sent in parts by
static/js/move-in.js, one part's connection dropped on the way; the upload resumes from
the server's offset and the import's summary appears."""

import pytest
from playwright.sync_api import expect

from photos.models import Photo
from rights.models import ImportUpload
from tests.browser.test_golden_path import sign_up
from tests.movein.flickr_export import build_export

pytestmark = pytest.mark.browser


def test_a_flickr_export_moves_in_through_the_page_despite_a_dropped_connection(
    new_page, tmp_path, settings, artifacts
):
    settings.CANDID_MOVEIN_CHUNK_BYTES = 16 * 1024
    export = build_export(tmp_path / "flickr")
    page = new_page()
    sign_up(page, "anna")
    dropped, parts = [], []

    def drop_the_third_part(route):
        if route.request.method == "PUT":
            parts.append(route.request.headers.get("upload-offset"))
            if len(parts) == 3 and not dropped:
                dropped.append(parts[-1])
                route.abort("connectionreset")
                return
        route.continue_()

    page.route("**/settings/move-in/uploads/**", drop_the_third_part)
    page.goto("/settings/move-in/")
    page.get_by_label("The files of your export").set_input_files([str(p) for p in export.paths])
    page.get_by_role("button", name="Move in", exact=True).click()
    expect(page.get_by_text("Finished: 5 photos imported.").first).to_be_visible(timeout=60_000)
    assert dropped and len(parts) > 3
    expect(page.get_by_text("The export holds no image file for it.")).to_be_visible()
    page.screenshot(path=str(artifacts / "move-in.png"), full_page=True)
    assert Photo.objects.filter(owner__username="anna").count() == 5
    assert not ImportUpload.objects.exists()

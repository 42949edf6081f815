"""Browser: the public "am I in a dataset?" page finds an uploaded image's near-duplicate
in an imported manifest, and a visitor files "I am in this photo" from a photo page."""

import io

import numpy as np
import pytest
from PIL import Image

from consent.lookup.image import image_variants
from consent.lookup.pdq_index import reset_shared_index
from consent.manifests.generate import near_duplicate
from consent.models.lookup import DepictedRequest
from consent.services.manifests import manifest_import
from photos.samples import sample_jpeg

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def fresh_index(settings):
    settings.CANDID_LOOKUP_REFRESH_SECONDS = 0
    reset_shared_index()
    yield
    reset_shared_index()


def test_image_lookup_lists_dataset_and_contact(new_page, tmp_path, artifacts):
    data = sample_jpeg(900, 700, seed=11)
    stored = image_variants(io.BytesIO(data))[0][0].tobytes().hex()
    rotated = io.BytesIO()
    Image.open(io.BytesIO(data)).transpose(Image.Transpose.ROTATE_270).save(rotated, "JPEG")
    (tmp_path / "me.jpg").write_bytes(rotated.getvalue())
    manifest = tmp_path / "m.csv"
    hashed = near_duplicate(stored, bits=5, rng=np.random.default_rng(1))
    manifest.write_text(
        f"photo_id,owner_id,owner_name,url,licence,pdq\n7,1@N00,kim,http://f/7.jpg,CC BY,{hashed}\n"
    )
    manifest_import(path=manifest, name="MegaSet", version="3", contact="rm@megaset.example")
    page = new_page()
    page.goto("/dataset-check/")
    assert page.get_by_text("not stored").count() == 1
    page.set_input_files("#image", str(tmp_path / "me.jpg"))
    page.get_by_role("button", name="Check image").click()
    row = page.locator("#lookup-result tr.match")
    row.wait_for()
    assert "MegaSet" in row.inner_text() and "rm@megaset.example" in row.inner_text()
    assert "rotated" in row.inner_text()
    page.screenshot(path=str(artifacts / "lookup-image.png"))


def test_visitor_files_i_am_in_this_photo(new_page, make_user, upload):
    photo = upload(make_user("owner"))
    page = new_page()
    page.goto(f"/photos/{photo.pk}/")
    page.get_by_role("link", name="I am in this photo").click()
    page.get_by_label("Name").fill("Dana")
    page.get_by_label("Email (for the answer)").fill("dana@example.org")
    page.get_by_role("button", name="Send request").click()
    page.locator("#depicted-sent").wait_for()
    assert DepictedRequest.objects.get().photo_id == photo.pk

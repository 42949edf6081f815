"""Uploading several photos with the uploader script in Debian's Chromium (issue 17): a
preview, a title and a progress bar per file, each file sent on its own, and the
photostream showing each photo under its own title. A refused file is named with its
reason and leaves the others uploaded. The page's CSP allows no inline script: the
uploader is static/js/upload.js."""

import pytest
from playwright.sync_api import expect

from photos.models import Album, Photo
from photos.samples import sample_jpeg
from tests.browser.accessibility_support import sign_in

pytestmark = pytest.mark.browser
TITLES = ["Harbour at dusk", "Tram in the snow", "Kitchen window"]


def jpegs(tmp_path, names):
    paths = []
    for seed, name in enumerate(names):
        path = tmp_path / name
        path.write_bytes(sample_jpeg(900, 600, seed=seed + 50))
        paths.append(str(path))
    return paths


def test_three_photos_with_their_own_titles(new_page, alice, live_server, tmp_path):
    album = Album.objects.create(owner=alice, title="Winter")
    page = new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    sign_in(page.context, live_server.url, alice)
    page.goto("/upload/")
    page.locator("input[type=file]").set_input_files(jpegs(tmp_path, ["a.jpg", "b.jpg", "c.jpg"]))
    cards = page.locator(".upload-file")
    expect(cards).to_have_count(3)
    expect(cards.first.locator("canvas")).to_have_attribute("width", "160")  # the preview
    expect(cards.nth(1).get_by_label("Title")).to_have_attribute("placeholder", "B")
    for card, title in zip(cards.all(), TITLES, strict=True):
        card.get_by_label("Title").fill(title)
        card.get_by_label("Alt text").fill(f"Alt: {title}")
    cards.nth(2).get_by_label("Tags for this photo").fill("kitchen")
    page.get_by_label("Tags", exact=True).fill("winter")
    page.get_by_label("Album").select_option(label="Winter")
    page.get_by_role("button", name="Upload", exact=True).click()

    expect(page.locator(".upload-status")).to_contain_text("All photos are uploaded.")
    for card in cards.all():
        expect(card.locator("progress")).to_have_js_property("value", 100)
        expect(card.locator(".upload-file-status")).to_contain_text("Uploaded")
    photos = list(Photo.objects.order_by("id"))
    assert [p.title for p in photos] == TITLES
    assert [p.alt_text for p in photos] == [f"Alt: {t}" for t in TITLES]
    assert sorted(photos[2].tags.values_list("name", flat=True)) == ["kitchen", "winter"]
    assert list(album.entries.order_by("position").values_list("photo_id", flat=True)) == [
        p.pk for p in photos
    ]

    page.get_by_role("link", name="See them in your photostream").click()
    captions = page.locator(".photo-grid .caption-title")
    expect(captions).to_have_count(3)
    assert sorted(captions.all_inner_texts()) == sorted(TITLES)
    assert errors == []


def test_a_refused_file_is_named_and_the_others_land(new_page, alice, live_server, tmp_path):
    broken = tmp_path / "notes.jpg"
    broken.write_bytes(b"this is not a picture")
    good = jpegs(tmp_path, ["good-one.jpg", "good-two.jpg"])
    page = new_page()
    sign_in(page.context, live_server.url, alice)
    page.goto("/upload/")
    page.locator("input[type=file]").set_input_files([good[0], str(broken), good[1]])
    expect(page.locator(".upload-file")).to_have_count(3)
    page.get_by_role("button", name="Upload", exact=True).click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Some files were uploaded")
    expect(alert).to_contain_text("notes.jpg: This file is not an image.")
    assert sorted(Photo.objects.values_list("title", flat=True)) == ["Good one", "Good two"]


def test_files_dropped_on_the_drop_zone_are_listed(new_page, alice, live_server):
    page = new_page()
    sign_in(page.context, live_server.url, alice)
    page.goto("/upload/")
    page.evaluate(
        """() => {
          const data = new DataTransfer();
          data.items.add(new File(["x"], "first.jpg", {type: "image/jpeg"}));
          data.items.add(new File(["y"], "second.jpg", {type: "image/jpeg"}));
          const zone = document.querySelector(".drop-zone");
          zone.dispatchEvent(new DragEvent("drop", {dataTransfer: data, bubbles: true}));
        }"""
    )
    legends = page.locator(".upload-file legend")
    expect(legends).to_have_text(["first.jpg", "second.jpg"])
    expect(page.locator(".upload-file").first).to_contain_text("No preview for this format")

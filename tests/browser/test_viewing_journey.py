"""Viewing in Debian's Chromium: open a photo from a profile, press → and ← to move through
the photostream (a private photo between them is skipped for others), Enter on the photo
for the large view, Esc back to the photo page and Esc again back to the profile. Then the
same with the mouse, and a phone at DPR 2 that takes the 500 px tile for its grid."""

import re

import pytest
from playwright.sync_api import expect

from photos.samples import sample_jpeg

pytestmark = pytest.mark.browser


@pytest.fixture
def stream(make_user, upload):
    """alice's photos, oldest first: public, private, public, public (a portrait)."""
    alice = make_user("alice", display_name="Alice Example")
    shapes = [
        (900, 600, "public"),
        (900, 600, "private"),
        (2400, 1600, "public"),
        (600, 900, "public"),
    ]
    return [
        upload(alice, sample_jpeg(w, h, seed=i), title=f"Quay {i}", visibility=visibility)
        for i, (w, h, visibility) in enumerate(shapes)
    ]


def press(page, key: str) -> None:
    with page.expect_navigation():
        page.keyboard.press(key)


def photo_path(photo, large: bool = False) -> re.Pattern:
    view = "large/" if large else ""
    return re.compile(rf"/photos/{photo.pk}/{view}\?in=user:alice$")


def test_arrows_enter_and_escape_through_a_photostream(new_page, stream):
    first, private, third, newest = stream
    page = new_page()
    page.goto("/u/alice/")
    with page.expect_navigation():
        page.locator(f'a[href^="/photos/{newest.pk}/"]').click()
    expect(page).to_have_url(photo_path(newest))
    press(page, "ArrowRight")  # next: older
    expect(page).to_have_url(photo_path(third))
    press(page, "ArrowRight")  # past the private photo: a visitor may not see it
    expect(page).to_have_url(photo_path(first))
    page.keyboard.press("ArrowRight")  # the end: nothing happens
    expect(page).to_have_url(photo_path(first))
    press(page, "ArrowLeft")
    expect(page).to_have_url(photo_path(third))

    page.locator("#view-large").focus()
    press(page, "Enter")
    expect(page).to_have_url(photo_path(third, large=True))
    image = page.locator(".large-stage img")
    expect(image).to_have_attribute("src", re.compile(r"/large\.jpg$"))
    image.evaluate("img => img.decode()")
    assert image.evaluate("img => img.currentSrc").endswith("/large.jpg")  # 2000 px
    press(page, "ArrowLeft")  # the large view steps to the neighbour's large view
    expect(page).to_have_url(photo_path(newest, large=True))
    press(page, "Escape")
    expect(page).to_have_url(photo_path(newest))
    press(page, "Escape")
    expect(page).to_have_url(re.compile(r"/u/alice/$"))


def test_keys_typed_into_a_field_stay_in_the_field(new_page, stream):
    page = new_page()
    page.goto(f"/photos/{stream[2].pk}/?in=user:alice")
    search = page.locator("#nav-search")
    search.fill("quay")
    search.press("ArrowLeft")
    search.press("Escape")
    expect(page).to_have_url(photo_path(stream[2]))


def test_the_mouse_opens_the_large_view_and_closes_it(new_page, stream):
    page = new_page()
    page.goto(f"/photos/{stream[3].pk}/?in=user:alice")
    with page.expect_navigation():
        page.locator(".stage img").click()
    expect(page).to_have_url(photo_path(stream[3], large=True))
    with page.expect_navigation():
        page.locator(".large-stage img").click()
    expect(page).to_have_url(photo_path(stream[3]))


def test_a_phone_at_dpr_2_fetches_the_tile_and_rows_keep_aspect_ratios(
    browser, live_server, stream
):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 375, "height": 800}, device_scale_factor=2
    )
    try:
        page = context.new_page()
        page.goto("/u/alice/")
        tiles = page.locator(".photo-grid img")
        expect(tiles).to_have_count(3)
        for i in range(3):
            tiles.nth(i).scroll_into_view_if_needed()
            tiles.nth(i).evaluate("img => img.decode()")
            current = tiles.nth(i).evaluate("img => img.currentSrc")
            assert not current.endswith("/medium.jpg") and not current.endswith("/large.jpg")
        boxes = [tiles.nth(i).bounding_box() for i in range(3)]
        for box, ratio in zip(boxes, (2 / 3, 1.5, 1.5), strict=True):  # newest first
            assert abs(box["width"] / box["height"] - ratio) < 0.02  # nothing cropped
    finally:
        context.close()

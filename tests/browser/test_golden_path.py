"""The golden path in a real browser: sign up, upload, view, follow, comment, favourite,
and find the photo in the feed. Plus keyboard use of the upload form."""

import re

import pytest
from playwright.sync_api import expect

from core.models import OutgoingMail
from photos.models import Photo
from photos.samples import sample_jpeg
from social.models import Comment, Favourite, Follow

pytestmark = pytest.mark.browser

PASSWORD = "a long unusual passphrase"


def sign_up(page, username: str):
    page.goto("/accounts/signup/")
    page.get_by_label("Username", exact=True).fill(username)
    page.get_by_label("Email", exact=True).fill(f"{username}@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label(re.compile("I have read the terms of service")).check()
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_text(f"Welcome to Candid, {username}.")).to_be_visible()
    mail = OutgoingMail.objects.get(recipient=f"{username}@example.org", purpose__contains="verify")
    page.goto(re.search(r"https?://[^/\s]+(/accounts/verify/\S+/)", mail.body).group(1))
    expect(page.get_by_text("is confirmed")).to_be_visible()


def upload_photo(page, path) -> int:
    page.get_by_role("link", name="Upload").click()
    page.get_by_label("Photos", exact=True).set_input_files(str(path))
    page.get_by_label("Title", exact=True).fill("Half Dome at first light")
    page.get_by_label("Description", exact=True).fill("Granite face lit by the morning sun")
    page.get_by_label("Tags", exact=True).fill("yosemite granite")
    page.get_by_label("Licence", exact=True).select_option("cc-by")
    page.get_by_label("Visibility", exact=True).select_option("public")
    page.get_by_role("button", name="Upload").last.click()
    expect(page).to_have_url(re.compile(r"/photos/\d+/$"))
    return int(re.search(r"/photos/(\d+)/", page.url).group(1))


def test_golden_path_sign_up_upload_follow_comment_favourite_feed(new_page, tmp_path, artifacts):
    photo_file = tmp_path / "half-dome.jpg"
    photo_file.write_bytes(sample_jpeg(1600, 1067, seed=7, gps=(37.746, -119.533)))

    ansel = new_page()
    sign_up(ansel, "ansel")
    photo_id = upload_photo(ansel, photo_file)
    expect(ansel.get_by_role("heading", name="Half Dome at first light")).to_be_visible()
    image = ansel.get_by_alt_text("Granite face lit by the morning sun")
    expect(image).to_be_visible()
    assert image.evaluate("img => img.complete && img.naturalWidth") > 0
    expect(ansel.get_by_role("link", name="Creative Commons Attribution 4.0")).to_have_attribute(
        "href", "https://creativecommons.org/licenses/by/4.0/"
    )
    expect(ansel.get_by_role("link", name="#yosemite")).to_be_visible()
    ansel.screenshot(path=str(artifacts / "photo-page.png"), full_page=False)
    photo = Photo.objects.get(pk=photo_id)
    assert photo.owner.username == "ansel" and photo.licence == "cc-by"

    dorothea = new_page()
    sign_up(dorothea, "dorothea")
    dorothea.goto("/u/ansel/")
    dorothea.get_by_role("button", name="Follow").click()
    expect(dorothea.get_by_role("button", name="Unfollow")).to_be_visible()
    assert Follow.objects.filter(follower__username="dorothea", followee__username="ansel").exists()

    dorothea.get_by_role("link", name=re.compile("Half Dome")).click()
    dorothea.get_by_label("Add a comment", exact=True).fill("What a <b>light</b>!")
    dorothea.get_by_role("button", name="Post comment").click()
    expect(dorothea.locator(".comment-body")).to_have_text("What a <b>light</b>!")
    dorothea.get_by_role("button", name="Favourite").click()
    expect(dorothea.get_by_text("1 favourite", exact=True)).to_be_visible()
    expect(dorothea.get_by_role("button", name="Favourite")).to_have_attribute(
        "aria-pressed", "true"
    )
    assert Comment.objects.get(photo_id=photo_id).body == "What a <b>light</b>!"
    assert Favourite.objects.filter(photo_id=photo_id, user__username="dorothea").exists()

    dorothea.get_by_role("link", name="Feed").click()
    expect(dorothea.get_by_role("heading", name="Your feed")).to_be_visible()
    expect(dorothea.locator(f'a[href="/photos/{photo_id}/?in=feed"]')).to_be_visible()
    dorothea.screenshot(path=str(artifacts / "feed.png"))


def test_upload_form_is_reachable_by_keyboard_and_every_field_has_a_label(new_page, artifacts):
    page = new_page()
    sign_up(page, "keyboard")
    page.goto("/upload/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to content"
    page.keyboard.press("Enter")
    expected = [
        "id_files",
        "id_title",
        "id_description",
        "id_tags",
        "id_licence",
        "id_visibility",
        "id_show_location",
    ]
    reached = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "({id: document.activeElement.id,"
            " labels: document.activeElement.labels ? document.activeElement.labels.length : 0})"
        )
        if focused["id"] in expected:
            assert focused["labels"] >= 1, focused
            reached.append(focused["id"])
        if focused["id"] == expected[-1]:
            break
    assert reached == expected
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Upload"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # a visible focus ring
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(artifacts / "upload-mobile.png"), full_page=True)

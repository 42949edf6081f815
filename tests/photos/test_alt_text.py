"""Alt text (issue 15): the upload, edit and bulk-describe forms ask for it, every img of
the photo carries it, and a photo without it says so to its owner only."""

import re

import pytest

from core.models import Event
from photos.models import Photo
from photos.samples import sample_jpeg

pytestmark = pytest.mark.django_db

ALT = "A red tram crossing the Oberbaum bridge in the snow"
CHOICES = {"licence": "arr", "visibility": "public"}


def img_alts(page: str) -> list[str]:
    return re.findall(r'<img [^>]*?alt="([^"]*)"', page, flags=re.S)


def test_the_upload_form_stores_the_alt_text_it_asks_for(client, alice, uploaded_file):
    client.force_login(alice)
    form = client.get("/upload/").content.decode()
    assert 'name="alt_text"' in form and "Alt text" in form
    response = client.post(
        "/upload/", {**CHOICES, "files": uploaded_file(), "title": "Tram", "alt_text": f"  {ALT} "}
    )
    photo = Photo.objects.get()
    assert response.status_code == 302 and photo.alt_text == ALT


def test_several_files_lead_to_a_page_that_asks_for_each_ones_alt_text(
    client, alice, uploaded_file
):
    client.force_login(alice)
    files = [uploaded_file(sample_jpeg(120, 90, seed=i), name=f"p{i}.jpg") for i in range(2)]
    response = client.post("/upload/", {**CHOICES, "files": files, "title": "Series"})
    first, second = Photo.objects.order_by("id")
    describe = response.url
    page = client.get(describe).content.decode()
    assert f'name="alt_{first.pk}"' in page and f'name="alt_{second.pk}"' in page
    saved = client.post(describe, {f"alt_{first.pk}": "Fog", f"alt_{second.pk}": "Rain"})
    assert saved.status_code == 302
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.alt_text, second.alt_text) == ("Fog", "Rain")
    assert Event.objects.filter(kind="photo.updated").count() == 2


def test_the_describe_page_refuses_others_photos_and_bad_text(client, alice, bob, upload):
    mine, theirs = upload(alice), upload(bob)
    client.force_login(alice)
    assert client.get(f"/upload/describe/?photos={theirs.pk}").status_code == 404
    response = client.post(f"/upload/describe/?photos={mine.pk}", {f"alt_{mine.pk}": "a\x07b"})
    assert response.status_code == 400
    assert "control character U+0007" in response.content.decode()
    mine.refresh_from_db()
    assert mine.alt_text == ""


def test_the_edit_form_changes_the_alt_text(client, alice, upload):
    photo = upload(alice, title="Tram", alt_text="Old words")
    client.force_login(alice)
    form = client.get(f"/photos/{photo.pk}/edit/").content.decode()
    assert "Old words</textarea>" in form
    fields = {"title": "Tram", "licence": "arr", "visibility": "public", "alt_text": ALT}
    assert client.post(f"/photos/{photo.pk}/edit/", fields).status_code == 302
    photo.refresh_from_db()
    assert photo.alt_text == ALT


def test_the_edit_form_refuses_too_long_or_control_characters_and_changes_nothing(
    client, alice, upload
):
    photo = upload(alice, title="Tram", alt_text="Kept")
    client.force_login(alice)
    base = {"title": "Tram", "licence": "arr", "visibility": "public"}
    for bad, message in [
        ("x" * 1501, "Ensure this value has at most 1500 characters (it has 1501)."),
        ("tab\tok but bell\x07", "control character U+0007"),
    ]:
        response = client.post(f"/photos/{photo.pk}/edit/", {**base, "alt_text": bad})
        assert response.status_code == 400
        assert message in response.content.decode()
    photo.refresh_from_db()
    assert photo.alt_text == "Kept"
    assert not Event.objects.filter(kind="photo.updated").exists()


def test_the_photo_page_and_every_card_use_the_alt_text(client, alice, upload):
    photo = upload(
        alice, title="Tram", description="Winter in Kreuzberg", tags="tram", alt_text=ALT
    )
    page = client.get(f"/photos/{photo.pk}/").content.decode()
    assert img_alts(page) == [ALT]
    for url in ["/explore/", "/u/alice/", "/tags/tram/", "/search/?q=tram"]:
        assert img_alts(client.get(url).content.decode()) == [ALT], url


def test_without_alt_text_the_description_then_the_title_stand_in(client, alice, upload):
    described = upload(alice, title="Tram", description="Winter in Kreuzberg")
    titled = upload(alice, title="Only a title")
    assert img_alts(client.get(f"/photos/{described.pk}/").content.decode()) == [
        "Winter in Kreuzberg"
    ]
    assert "Only a title" in img_alts(client.get("/explore/").content.decode())
    assert titled.image_alt == "Only a title"


def test_a_photo_without_alt_text_says_so_to_its_owner_only(client, alice, bob, upload):
    photo = upload(alice, title="Tram")
    client.force_login(alice)
    own = client.get(f"/photos/{photo.pk}/").content.decode()
    assert "This photo has no alt text" in own
    assert f'href="/photos/{photo.pk}/edit/#id_alt_text"' in own
    client.force_login(bob)
    assert "no alt text" not in client.get(f"/photos/{photo.pk}/").content.decode()
    client.logout()
    assert "no alt text" not in client.get(f"/photos/{photo.pk}/").content.decode()


def test_the_owner_hint_goes_once_the_photo_has_alt_text(client, alice, upload):
    photo = upload(alice, title="Tram", alt_text=ALT)
    client.force_login(alice)
    assert "no alt text" not in client.get(f"/photos/{photo.pk}/").content.decode()


def test_after_a_partly_refused_upload_the_uploaded_photos_can_be_described(
    client, alice, uploaded_file
):
    client.force_login(alice)
    files = [
        uploaded_file(sample_jpeg(120, 90, seed=1), name="a.jpg"),
        uploaded_file(sample_jpeg(120, 90, seed=2), name="b.jpg"),
        uploaded_file(b"not an image", name="c.jpg"),
    ]
    response = client.post("/upload/", {**CHOICES, "files": files})
    ids = ",".join(str(pk) for pk in Photo.objects.order_by("id").values_list("pk", flat=True))
    assert response.status_code == 400
    assert f'href="/upload/describe/?photos={ids}"' in response.content.decode()

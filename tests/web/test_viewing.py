"""The photo page in the list it was opened from (`?in=`), its large view, and the grids
whose cards carry their list and keep each photo's aspect ratio."""

import re

import pytest

from photos.samples import sample_jpeg
from photos.services import album_create, album_set_photos
from tests.web.moderation_support import WITHHOLD_DE

DE = {"HTTP_X_COUNTRY_CODE": "DE"}
FR = {"HTTP_X_COUNTRY_CODE": "FR"}


@pytest.fixture
def three(alice, upload):
    """alice's photos, oldest first: public, private, public (a portrait)."""
    return [
        upload(alice, sample_jpeg(60, 40, seed=1), title="first", tags="harbour"),
        upload(alice, sample_jpeg(60, 40, seed=2), title="hidden", visibility="private"),
        upload(alice, sample_jpeg(40, 60, seed=3), title="third", tags="harbour"),
    ]


def links(html: str, rel: str) -> list[str]:
    return re.findall(rf'<a [^>]*rel="{rel}"[^>]*href="([^"]+)"', html)


def test_photo_page_in_a_photostream_links_previous_and_next_past_a_private_photo(
    client, bob, three
):
    client.force_login(bob)
    html = client.get(f"/photos/{three[0].pk}/", {"in": "user:alice"}).content.decode()
    assert links(html, "prev") == [f"/photos/{three[2].pk}/?in=user:alice"]
    assert links(html, "next") == []
    assert f'<link rel="prev" href="/photos/{three[2].pk}/?in=user:alice">' in html
    assert links(html, "up") == ["/u/alice/"]
    assert "Back to Photos by Alice Example" in html
    page = client.get(f"/photos/{three[2].pk}/", {"in": "user:alice"}).content.decode()
    assert links(page, "next") == [f"/photos/{three[0].pk}/?in=user:alice"]


def test_the_owner_steps_through_her_private_photo(client, alice, three):
    client.force_login(alice)
    html = client.get(f"/photos/{three[0].pk}/", {"in": "user:alice"}).content.decode()
    assert links(html, "prev") == [f"/photos/{three[1].pk}/?in=user:alice"]


def test_album_and_tag_contexts(client, alice, bob, three):
    album = album_create(owner=alice, title="Quay")
    album_set_photos(actor=alice, album=album, photo_ids=[three[2].pk, three[1].pk, three[0].pk])
    client.force_login(bob)
    context = f"album:{album.pk}"
    html = client.get(f"/photos/{three[2].pk}/", {"in": context}).content.decode()
    assert links(html, "next") == [f"/photos/{three[0].pk}/?in={context}"]
    assert links(html, "up") == [f"/albums/{album.pk}/"]
    tag = client.get(f"/photos/{three[2].pk}/", {"in": "tag:harbour"}).content.decode()
    assert links(tag, "next") == [f"/photos/{three[0].pk}/?in=tag:harbour"]


def test_without_or_with_a_meaningless_context_the_page_has_no_neighbours(client, bob, three):
    client.force_login(bob)
    for context in (None, "album:999999", "album:x", "user:nobody", "nonsense", "tag:", "feed"):
        params = {"in": context} if context else {}
        response = client.get(f"/photos/{three[0].pk}/", params)
        assert response.status_code == 200, context
        html = response.content.decode()
        assert links(html, "prev") == [] and links(html, "next") == [], context
    visitor = client.__class__().get(f"/photos/{three[0].pk}/", {"in": "feed"})
    assert links(visitor.content.decode(), "prev") == []  # a visitor has no feed


def test_a_private_album_gives_no_context_to_others(client, alice, bob, three):
    album = album_create(owner=alice, title="Mine", visibility="private")
    album_set_photos(actor=alice, album=album, photo_ids=[three[0].pk, three[2].pk])
    client.force_login(bob)
    html = client.get(f"/photos/{three[0].pk}/", {"in": f"album:{album.pk}"}).content.decode()
    assert links(html, "next") == [] and links(html, "up") == []


def test_grid_cards_carry_their_list(client, alice, bob, three):
    album = album_create(owner=alice, title="Quay")
    album_set_photos(actor=alice, album=album, photo_ids=[three[0].pk])
    client.force_login(bob)
    pages = {
        "/u/alice/": "user:alice",
        "/tags/harbour/": "tag:harbour",
        "/explore/": "explore",
        f"/albums/{album.pk}/": f"album:{album.pk}",
        "/search/?q=first": "search:first",
    }
    for url, context in pages.items():
        html = client.get(url).content.decode()
        assert f'href="/photos/{three[0].pk}/?in={context}"' in html, url


def test_the_photo_opens_a_large_view_with_the_2000px_rendition(client, alice, upload):
    photo = upload(alice, sample_jpeg(2400, 1600, seed=4), title="big")
    html = client.get(f"/photos/{photo.pk}/", {"in": "user:alice"}).content.decode()
    assert f'href="/photos/{photo.pk}/large/?in=user:alice"' in html
    large = client.get(f"/photos/{photo.pk}/large/", {"in": "user:alice"})
    assert large.status_code == 200
    body = large.content.decode()
    assert re.search(rf'<img src="/r/{photo.pk}/[0-9a-f]{{16}}/large\.jpg"', body)
    assert "2000w" in body and 'sizes="100vw"' in body
    assert links(body, "up") == [f"/photos/{photo.pk}/?in=user:alice"]  # Esc / close
    assert "tdm-reservation" in {name.lower() for name in large.headers}  # as the page's


def test_large_views_step_to_large_views(client, bob, three):
    client.force_login(bob)
    body = client.get(f"/photos/{three[0].pk}/large/", {"in": "user:alice"}).content.decode()
    assert links(body, "prev") == [f"/photos/{three[2].pk}/large/?in=user:alice"]


def test_the_large_view_keeps_the_photo_rules(client, bob, three, photo, report, decide):
    client.force_login(bob)
    assert client.get(f"/photos/{three[1].pk}/large/").status_code == 404  # private
    decide(report(photo).case, **WITHHOLD_DE)
    assert client.get(f"/photos/{photo.pk}/large/", **DE).status_code == 451
    assert client.get(f"/photos/{photo.pk}/large/", **FR).status_code == 200


def test_cards_keep_the_aspect_ratio_and_say_their_size(client, three):
    html = client.get("/u/alice/").content.decode()
    landscape = re.search(rf'<li class="(ar-\d+)">\s*<a href="/photos/{three[0].pk}/', html)
    portrait = re.search(rf'<li class="(ar-\d+)">\s*<a href="/photos/{three[2].pk}/', html)
    assert landscape.group(1) == "ar-30" and portrait.group(1) == "ar-13"  # 3:2 and 2:3
    assert '<ul class="photo-grid justified">' in html
    assert 'width="40" height="60"' in html  # the portrait, as it is shown

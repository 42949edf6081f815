"""OpenGraph and Twitter-card tags, oEmbed discovery and feed links on public pages; none
on private, followers-only, withheld or removed ones (photos.open_web)."""

import re

import pytest
from django.test import Client

from photos.models import Photo, Visibility
from photos.rendition_keys import rendition_key
from photos.services import album_create, album_set_photos

SITE = "https://photos.example"
pytestmark = pytest.mark.usefixtures("site_url")


@pytest.fixture
def site_url(settings):
    settings.SITE_URL = SITE


def meta(html: str, key: str) -> list[str]:
    """The content of every <meta property=key> or <meta name=key>."""
    pattern = rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"'
    return re.findall(pattern, html)


def page(url: str, **headers) -> str:
    response = Client().get(url, **headers)
    assert response.status_code == 200, url
    return response.content.decode()


def test_a_public_photo_page_carries_opengraph_and_twitter_tags(alice, upload):
    photo = upload(alice, title="Harbour at dawn", description="Fishing boats coming in.")
    html = page(f"/photos/{photo.pk}/")
    assert meta(html, "og:title") == ["Harbour at dawn"]
    assert meta(html, "og:description") == ["Fishing boats coming in."]
    assert meta(html, "og:url") == [f"{SITE}/photos/{photo.pk}/"]
    assert meta(html, "og:type") == ["article"]
    key = rendition_key(photo)
    assert meta(html, "og:image") == [f"{SITE}/r/{photo.pk}/{key}/medium.jpg"]
    # The upload fixture is 640 × 480: the medium rendition is never scaled up.
    assert meta(html, "og:image:width") == ["640"]
    assert meta(html, "og:image:height") == ["480"]
    assert meta(html, "twitter:card") == ["summary_large_image"]


def test_the_preview_image_is_served_to_anyone(alice, upload):
    photo = upload(alice, title="Harbour")
    image = meta(page(f"/photos/{photo.pk}/"), "og:image")[0].removeprefix(SITE)
    response = Client().get(image)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"


def test_an_untitled_photo_gets_a_translated_fallback(alice, upload):
    photo = upload(alice, title="", description="")
    html = page(f"/photos/{photo.pk}/", HTTP_ACCEPT_LANGUAGE="de")
    assert meta(html, "og:title") == ["Ohne Titel"]
    assert meta(html, "og:description") == ["Ein Foto von Alice Example auf Candid"]


@pytest.mark.parametrize("visibility", [Visibility.FOLLOWERS, Visibility.PRIVATE])
def test_a_photo_not_for_everyone_has_no_preview_tags(alice, upload, visibility):
    photo = upload(alice, title="Only for some", visibility=visibility)
    owner = Client()
    owner.force_login(alice)
    html = owner.get(f"/photos/{photo.pk}/").content.decode()
    assert "Only for some" in html
    assert "og:" not in html and "twitter:" not in html and "oembed" not in html


def test_a_photo_withheld_in_some_country_has_no_preview_tags(alice, upload):
    photo = upload(alice, title="Withheld in Germany")
    Photo.objects.filter(pk=photo.pk).update(withheld_in=",DE,")
    html = page(f"/photos/{photo.pk}/")
    assert "Withheld in Germany" in html
    assert "og:" not in html and "twitter:" not in html and "oembed" not in html


def test_a_sensitive_photo_is_previewed_without_its_image(alice, upload):
    photo = upload(alice, title="Marked sensitive")
    Photo.objects.filter(pk=photo.pk).update(sensitive=True)
    html = page(f"/photos/{photo.pk}/")
    assert meta(html, "og:title") == ["Marked sensitive"]
    assert meta(html, "og:image") == [] and "oembed" not in html
    assert meta(html, "twitter:card") == ["summary"]


def test_a_removed_photo_has_no_page_and_no_tags(alice, upload):
    photo = upload(alice, title="Removed")
    Photo.objects.filter(pk=photo.pk).update(removed_at="2026-01-01T00:00:00Z")
    assert Client().get(f"/photos/{photo.pk}/").status_code == 404


def test_a_public_photo_page_links_its_oembed(alice, upload):
    photo = upload(alice, title="Harbour")
    html = page(f"/photos/{photo.pk}/")
    link = re.search(r'<link rel="alternate" type="application/json\+oembed" href="([^"]+)"', html)
    assert link is not None
    href = link.group(1).replace("&amp;", "&")
    assert href.startswith(f"{SITE}/oembed?url=")
    answer = Client().get(href.removeprefix(SITE))
    assert answer.status_code == 200 and answer.json()["type"] == "photo"


def test_a_public_album_has_tags_with_its_cover_and_a_feed_link(alice, upload):
    first = upload(alice, title="First")
    second = upload(alice, title="Second")
    album = album_create(owner=alice, title="Coast", description="Along the sea.")
    album_set_photos(actor=alice, album=album, photo_ids=[second.pk, first.pk])
    html = page(f"/albums/{album.pk}/")
    assert meta(html, "og:title") == ["Coast"]
    assert meta(html, "og:description") == ["Along the sea."]
    assert meta(html, "og:url") == [f"{SITE}/albums/{album.pk}/"]
    cover = f"{SITE}/r/{second.pk}/{rendition_key(second)}/medium.jpg"
    assert meta(html, "og:image") == [cover]
    assert meta(html, "twitter:card") == ["summary_large_image"]
    assert f'type="application/atom+xml" href="/albums/{album.pk}/feed/"' in html


def test_a_public_albums_cover_skips_photos_not_for_everyone(alice, upload):
    hidden = upload(alice, title="Hidden", visibility=Visibility.FOLLOWERS)
    shown = upload(alice, title="Shown")
    album = album_create(owner=alice, title="Mixed")
    album_set_photos(actor=alice, album=album, photo_ids=[hidden.pk, shown.pk])
    images = meta(page(f"/albums/{album.pk}/"), "og:image")
    assert images == [f"{SITE}/r/{shown.pk}/{rendition_key(shown)}/medium.jpg"]


@pytest.mark.parametrize("visibility", [Visibility.FOLLOWERS, Visibility.PRIVATE])
def test_an_album_not_for_everyone_has_no_tags_and_no_feed_link(alice, upload, visibility):
    album = album_create(owner=alice, title="Family", visibility=visibility)
    owner = Client()
    owner.force_login(alice)
    html = owner.get(f"/albums/{album.pk}/").content.decode()
    assert "Family" in html
    assert "og:" not in html and "twitter:" not in html and "atom+xml" not in html


def test_a_profile_has_tags_with_the_newest_public_photo_and_a_feed_link(alice, upload):
    upload(alice, title="Older")
    newest = upload(alice, title="Newest")
    upload(alice, title="Private", visibility=Visibility.PRIVATE)
    html = page("/u/alice/")
    assert meta(html, "og:title") == ["Alice Example"]
    assert meta(html, "og:type") == ["profile"]
    assert meta(html, "profile:username") == ["alice"]
    assert meta(html, "og:url") == [f"{SITE}/u/alice/"]
    assert meta(html, "og:image") == [f"{SITE}/r/{newest.pk}/{rendition_key(newest)}/medium.jpg"]
    assert 'type="application/atom+xml" href="/u/alice/feed/"' in html


def test_a_suspended_members_profile_has_no_tags(alice, upload):
    upload(alice, title="Mine")
    type(alice).objects.filter(pk=alice.pk).update(suspended_until="2999-01-01T00:00:00Z")
    html = page("/u/alice/")
    assert "og:" not in html and "atom+xml" not in html


def test_a_tag_page_links_its_feed(alice, upload):
    upload(alice, title="Sea", tags="sea")
    assert 'type="application/atom+xml" href="/tags/sea/feed/"' in page("/tags/sea/")

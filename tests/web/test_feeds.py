"""Atom feeds for a member, a tag and a public album: they parse, carry only photos anyone
anywhere may see, stay bounded, and are linked from their pages."""

import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from photos.models import Photo, Visibility
from photos.rendition_keys import rendition_key
from photos.services import album_create, album_set_photos
from web.feeds import FEED_SIZE

SITE = "https://photos.example"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def feed(url: str, **headers) -> ET.Element:
    response = Client().get(url, **headers)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/atom+xml")
    assert response["X-Robots-Tag"] == "noindex"  # readers read feeds; engines index pages
    return ET.fromstring(response.content)  # noqa: S314 - Candid's own answer


def entry_titles(root: ET.Element) -> list[str]:
    return [entry.find(f"{ATOM}title").text for entry in root.iter(f"{ATOM}entry")]


@pytest.fixture
def mixed(alice, upload):
    """alice's photos, tagged "sea": one of each kind a visitor may not see."""
    photos = {
        "public": upload(alice, title="Public sea", tags="sea"),
        "followers": upload(alice, title="Followers sea", tags="sea", visibility="followers"),
        "private": upload(alice, title="Private sea", tags="sea", visibility=Visibility.PRIVATE),
        "withheld": upload(alice, title="Withheld sea", tags="sea"),
        "removed": upload(alice, title="Removed sea", tags="sea"),
    }
    Photo.objects.filter(pk=photos["withheld"].pk).update(withheld_in=",DE,")
    Photo.objects.filter(pk=photos["removed"].pk).update(removed_at="2026-01-01T00:00:00Z")
    return photos


def test_a_members_feed_holds_only_their_public_photos(mixed):
    root = feed("/u/alice/feed/")
    assert root.find(f"{ATOM}title").text == "Photos by Alice Example on Candid"
    assert entry_titles(root) == ["Public sea"]
    entry = next(root.iter(f"{ATOM}entry"))
    photo = mixed["public"]
    assert entry.find(f"{ATOM}link").get("href") == f"{SITE}/photos/{photo.pk}/"
    assert entry.find(f"{ATOM}author/{ATOM}name").text == "Alice Example"
    summary = entry.find(f"{ATOM}summary").text
    assert f"{SITE}/r/{photo.pk}/{rendition_key(photo)}/medium.jpg" in summary
    assert [c.get("term") for c in entry.iter(f"{ATOM}category")] == ["sea"]


def test_a_tags_feed_holds_only_public_photos(mixed, bob, upload):
    upload(bob, title="Bob's sea", tags="sea")
    upload(bob, title="Bob's land", tags="land")
    root = feed("/tags/sea/feed/")
    assert root.find(f"{ATOM}title").text == "Photos tagged #sea on Candid"
    assert entry_titles(root) == ["Bob's sea", "Public sea"]


def test_a_public_albums_feed_holds_only_public_photos_in_album_order(alice, mixed, upload):
    later = upload(alice, title="Another public")
    album = album_create(owner=alice, title="Coast")
    album_set_photos(
        actor=alice, album=album, photo_ids=[later.pk] + [p.pk for p in mixed.values()]
    )
    root = feed(f"/albums/{album.pk}/feed/")
    assert root.find(f"{ATOM}title").text == "Album “Coast” by Alice Example on Candid"
    assert entry_titles(root) == ["Another public", "Public sea"]


@pytest.mark.parametrize("visibility", [Visibility.FOLLOWERS, Visibility.PRIVATE])
def test_an_album_not_for_everyone_has_no_feed(alice, upload, visibility):
    album = album_create(owner=alice, title="Family", visibility=visibility)
    album_set_photos(actor=alice, album=album, photo_ids=[upload(alice).pk])
    owner = Client()
    owner.force_login(alice)
    assert owner.get(f"/albums/{album.pk}/feed/").status_code == 404


def test_an_unknown_member_has_no_feed(db):
    assert Client().get("/u/nobody/feed/").status_code == 404


def test_a_feed_is_bounded_to_the_newest_photos(alice, upload, small_jpeg):
    for i in range(FEED_SIZE + 2):
        upload(alice, small_jpeg(seed=i), title=f"Photo {i}")
    titles = entry_titles(feed("/u/alice/feed/"))
    assert len(titles) == FEED_SIZE
    assert titles[0] == f"Photo {FEED_SIZE + 1}"


def test_feed_titles_are_translated(alice, upload):
    upload(alice, title="", tags="meer")
    root = feed("/tags/meer/feed/", HTTP_ACCEPT_LANGUAGE="de")
    assert root.find(f"{ATOM}title").text == "Fotos mit dem Schlagwort #meer auf Candid"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "de"
    assert entry_titles(root) == ["Ohne Titel"]

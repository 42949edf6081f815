"""The sitemap: an index of bounded blocks by id range, listing public pages only, and none
of members who asked search engines not to index them."""

import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.services import search_indexing_set
from photos.models import Photo, Visibility
from photos.services import album_create
from web import sitemaps

SITE = "https://photos.example"
NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def locations(url: str) -> list[str]:
    response = Client().get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)  # noqa: S314 - Candid's own answer
    return [loc.text for loc in root.iter(f"{NS}loc")]


def everything() -> set[str]:
    """Every location in every section the index lists."""
    found = set()
    for section in locations("/sitemap.xml"):
        found.update(locations(section.removeprefix(SITE)))
    return found


def test_the_index_lists_the_pages_and_one_block_per_section(alice, upload):
    upload(alice)
    index = locations("/sitemap.xml")
    assert f"{SITE}/sitemaps/pages.xml" in index
    assert f"{SITE}/sitemaps/photos-0.xml" in index
    assert f"{SITE}/sitemaps/members-0.xml" in index
    assert f"{SITE}/explore/" in locations("/sitemaps/pages.xml")


def test_public_pages_are_listed_and_nothing_else(alice, bob, upload):
    public = upload(alice, title="Public", tags="sea")
    followers = upload(alice, title="Followers", visibility=Visibility.FOLLOWERS, tags="hidden")
    private = upload(alice, title="Private", visibility=Visibility.PRIVATE)
    withheld = upload(alice, title="Withheld")
    demoted = upload(alice, title="Demoted")
    Photo.objects.filter(pk=withheld.pk).update(withheld_in=",DE,")
    Photo.objects.filter(pk=demoted.pk).update(demoted=True)
    album = album_create(owner=alice, title="Public album")
    family = album_create(owner=alice, title="Family", visibility=Visibility.PRIVATE)
    found = everything()
    assert f"{SITE}/photos/{public.pk}/" in found
    for photo in (followers, private, withheld, demoted):
        assert f"{SITE}/photos/{photo.pk}/" not in found
    assert f"{SITE}/albums/{album.pk}/" in found
    assert f"{SITE}/albums/{family.pk}/" not in found
    assert {f"{SITE}/u/alice/", f"{SITE}/u/bob/"} <= found
    assert f"{SITE}/tags/sea/" in found
    assert f"{SITE}/tags/hidden/" not in found


def test_a_noindex_members_photos_albums_and_profile_are_left_out(alice, bob, upload):
    theirs = upload(alice, title="Alice's")
    album = album_create(owner=alice, title="Alice's album")
    others = upload(bob, title="Bob's")
    search_indexing_set(user=alice, noindex=True)
    found = everything()
    assert f"{SITE}/photos/{theirs.pk}/" not in found
    assert f"{SITE}/albums/{album.pk}/" not in found
    assert f"{SITE}/u/alice/" not in found
    assert f"{SITE}/photos/{others.pk}/" in found
    assert f"{SITE}/u/bob/" in found
    search_indexing_set(user=alice, noindex=False)
    assert f"{SITE}/photos/{theirs.pk}/" in everything()


def number_of(block: str) -> int:
    return int(block.removesuffix(".xml").rsplit("-", 1)[1])


def test_blocks_cut_by_id_range(alice, upload, small_jpeg, monkeypatch):
    monkeypatch.setattr(sitemaps, "BLOCK", 2)
    photos = [upload(alice, small_jpeg(seed=i), title=f"P{i}") for i in range(5)]
    index = locations("/sitemap.xml")
    blocks = [loc for loc in index if "/sitemaps/photos-" in loc]
    assert len(blocks) == photos[-1].pk // 2 + 1
    # Only the blocks that can hold these photos: ids keep growing across a test session
    # (PostgreSQL sequences are not reset), and every block is one request.
    wanted = range(photos[0].pk // 2 - 1, photos[-1].pk // 2 + 1)
    blocks = [loc for loc in blocks if number_of(loc) in wanted]
    listed = [loc for block in blocks for loc in locations(block.removeprefix(SITE))]
    assert listed == [f"{SITE}/photos/{photo.pk}/" for photo in photos]
    for block in blocks:
        number = number_of(block)
        ids = [int(loc.rstrip("/").rsplit("/", 1)[1]) for loc in locations(block[len(SITE) :])]
        assert all(number * 2 <= photo_id < number * 2 + 2 for photo_id in ids)


def test_a_block_past_the_end_or_an_unknown_section_is_404(alice, upload):
    upload(alice)
    assert Client().get("/sitemaps/photos-99999.xml").status_code == 404
    assert Client().get("/sitemaps/secrets-0.xml").status_code == 404
    assert Client().get("/sitemaps/photos-999999999999999999.xml").status_code == 404


def test_a_block_costs_the_same_queries_however_many_photos(alice, upload, small_jpeg):
    upload(alice, small_jpeg(seed=0))

    def cost() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert Client().get("/sitemaps/photos-0.xml").status_code == 200
        return len(queries)

    few = cost()
    for i in range(1, 8):
        upload(alice, small_jpeg(seed=i))
    assert cost() == few


def test_robots_txt_names_the_sitemap(client, db, settings):
    text = client.get("/robots.txt").content.decode()
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in text

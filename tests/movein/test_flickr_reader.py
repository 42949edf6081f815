"""The Flickr reader on an export in Flickr's exact shape: every quirk read, nothing
extracted, a zip that is not a Flickr export refused."""

import zipfile
from datetime import UTC, datetime

import pytest

from core.errors import ServiceError
from rights.movein.flickr import FlickrExport, check_zip, media_id
from rights.movein.flickr_fields import licence_code, visibility
from rights.movein.html_text import html_to_text
from tests.movein.flickr_export import NSID


def items_of(export) -> dict:
    source = FlickrExport(export.paths)
    try:
        return {item.source_id: item for item in source.items()}, source
    finally:
        source.close()


def test_reads_every_item_across_parts_and_media_zips(flickr):
    items, source = items_of(flickr)
    ids = flickr.ids
    assert set(items) == set(ids.values())
    assert source.count() == 8
    harbour = items[ids["harbour"]]
    assert harbour.title == "Harbour at dusk"
    assert harbour.description == (
        "Shot from the pier (https://example.org/pier)\nsecond line & more"
    )
    assert harbour.tags == ["harbour", "dusk"]
    assert harbour.licence == "cc-by-nc-sa-2.0"
    assert harbour.visibility == "public"
    assert (harbour.latitude, harbour.longitude) == (53.55, 9.993)
    assert harbour.taken_at == datetime(2012, 6, 1, 19, 30, tzinfo=UTC)
    assert harbour.uploaded_at == datetime(2012, 6, 2, 8, tzinfo=UTC)
    assert harbour.external_id == str(ids["harbour"]) and harbour.account_ref == NSID
    assert harbour.page_url.endswith(f"/{ids['harbour']}/")
    assert [(c.author, c.text) for c in harbour.comments] == [("bob_b", "Lovely light!")]
    assert harbour.name == f"harbour-at-dusk_{ids['harbour']}_o.jpg"


def test_reads_the_quirks(flickr):
    items, _ = items_of(flickr)
    ids = flickr.ids
    friends = items[ids["friends"]]
    assert friends.name.endswith("_o.JPG") and friends.open is not None  # upper-case
    assert friends.taken_at is None  # the 0000-00-00 sentinel
    assert friends.licence == "cc-by-sa" and friends.visibility == "private"
    assert (friends.latitude, friends.longitude) == (48.1, 11.5)  # a bare object
    png = items[ids["png"]]
    assert png.name == f"img-2023-05_{ids['png']}.png"  # no _o, digits in the slug
    assert png.licence == "arr" and png.notes  # null licence: reported
    assert items[ids["video"]].video
    assert items[ids["no_image"]].open is None
    orphan = items[ids["orphan"]]
    assert not orphan.metadata and orphan.open is not None and orphan.visibility == "private"
    assert items[ids["pdm"]].licence == "pdm"


def test_albums_and_links(flickr):
    source = FlickrExport(flickr.paths)
    albums, links = list(source.albums()), list(source.links())
    account = source.account()
    source.close()
    assert [(a.title, a.description, a.cover_id) for a in albums] == [
        ("Hamburg", "Port city", flickr.ids["png"])
    ]
    ids = flickr.ids
    assert albums[0].photo_ids == [ids["png"], ids["harbour"], ids["no_image"]]
    assert {(link.kind, link.name) for link in links} == {
        ("fave", "Lighthouse"),
        ("contact", "Bob B."),
    }
    assert (account.name, account.ref, account.description) == (
        "Anna K.",
        NSID,
        "Photographer in Hamburg",
    )


def test_media_reads_one_member_at_a_time_as_a_stream(flickr):
    source = FlickrExport(flickr.paths)
    item = next(i for i in source.items() if i.source_id == flickr.ids["harbour"])
    with item.open() as stream:
        assert isinstance(stream, zipfile.ZipExtFile)
        assert stream.read(3) == b"\xff\xd8\xff"
    source.close()


def test_a_zip_that_is_not_a_flickr_export_is_refused(tmp_path):
    other = tmp_path / "holiday.zip"
    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr("notes.txt", "hello")
        zf.writestr("IMG_1.jpg", b"x")
    with pytest.raises(ServiceError, match="not part of a Flickr export"):
        check_zip(str(other), "holiday.zip")
    (tmp_path / "x.zip").write_bytes(b"PK\x03\x04 broken")
    with pytest.raises(ServiceError, match="not a ZIP archive"):
        check_zip(str(tmp_path / "x.zip"), "x.zip")


def test_media_only_without_metadata_is_refused(flickr):
    with pytest.raises(ServiceError, match="no Flickr account data"):
        FlickrExport([p for p in flickr.paths if p.name.startswith("data-download")])


@pytest.mark.parametrize(
    "name,expected",
    [
        ("All Rights Reserved", "arr"),
        ("Attribution License", "cc-by-2.0"),
        ("Attribution-ShareAlike License", "cc-by-sa-2.0"),
        ("Attribution-NoDerivs License", "cc-by-nd-2.0"),
        ("Attribution-NonCommercial License", "cc-by-nc-2.0"),
        ("Attribution-NonCommercial-ShareAlike License", "cc-by-nc-sa-2.0"),
        ("Attribution-NonCommercial-NoDerivs License", "cc-by-nc-nd-2.0"),
        ("CC BY 4.0", "cc-by"),
        ("CC BY-SA 4.0", "cc-by-sa"),
        ("CC BY-NC-ND 4.0", "cc-by-nc-nd"),
        ("CC BY-NC 2.0", "cc-by-nc-2.0"),
        ("CC0 1.0", "cc0"),
        ("Public Domain Dedication (CC0)", "cc0"),
        ("Public Domain Mark", "pdm"),
        ("Public Domain Work", "pdm"),
        ("No known copyright restrictions", "nkcr"),
        ("United States Government Work", "usgov"),
        ("Attribution 3.0 Unported", None),
        (None, None),
        ("Something else", None),
    ],
)
def test_licence_names_map_exactly_with_their_version(name, expected):
    assert licence_code(name) == expected


@pytest.mark.parametrize(
    "privacy", ["friends & family", "friends", "family", "private", None, "weird"]
)
def test_anything_not_public_becomes_private(privacy):
    assert visibility(privacy) == "private"
    assert visibility("public") == "public"


def test_media_names():
    known = {5001, 5002}
    assert media_id("harbour_5001_o.jpg", known) == 5001
    assert media_id("5002_a1b2c3d4e5_o.JPG", known) == 5002
    assert media_id("img-2023_12_7777.png", set()) == 7777
    assert media_id("7777_abcdef0123.jpg", set()) == 7777


def test_html_reduced_to_text_with_links_and_no_scripts():
    text = html_to_text('<p>A</p><script>alert(1)</script><a href="javascript:x">b</a>')
    assert text == "A\nb"

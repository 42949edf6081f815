"""Sizes as the photo is shown (EXIF orientation), the 500 px tile rendition, the srcset
and sizes a browser chooses from, and the backfill that gives older photos their tile."""

import importlib
import re
from io import StringIO

from django.apps import apps
from django.core.management import call_command
from django.test import Client
from PIL import ExifTags, Image

from photos.models import Photo, Rendition
from photos.samples import sample_jpeg
from web.templatetags.candid import srcset, tile_sizes

migration = importlib.import_module("photos.migrations.0009_rendition_sizes_and_oriented_size")


def test_a_photo_turned_by_its_exif_orientation_is_listed_as_shown(alice, upload):
    photo = upload(alice, sample_jpeg(400, 300, seed=1, orientation=6), title="turned")
    assert (photo.width, photo.height) == (300, 400)
    assert {(r.width, r.height) for r in photo.renditions.all()} >= {(300, 400), (240, 320)}
    page = Client().get(f"/photos/{photo.pk}/").content.decode()
    assert "300 × 400 pixels" in page


def test_the_migration_turns_the_listed_size_of_older_turned_photos(alice, upload):
    turned = upload(alice, sample_jpeg(400, 300, seed=1, orientation=6), title="turned")
    level = upload(alice, sample_jpeg(400, 300, seed=2), title="level")
    Photo.objects.filter(pk=turned.pk).update(width=400, height=300)  # as stored before
    migration.oriented_sizes(apps, None)
    turned.refresh_from_db()
    level.refresh_from_db()
    assert (turned.width, turned.height) == (300, 400)
    assert (level.width, level.height) == (400, 300)


def chosen(candidates: str, slot_px: float, dpr: float) -> str:
    """The candidate a browser takes: the narrowest at least slot × DPR wide (else the
    widest), as Chromium does for a `w` srcset without a cached larger one."""
    widths = sorted((int(width), url) for url, width in re.findall(r"(\S+) (\d+)w", candidates))
    needed = slot_px * dpr
    return next((url for width, url in widths if width >= needed), widths[-1][1])


def slot(sizes: str, viewport: int) -> float:
    """The slot width `sizes` gives for a viewport (only `(max-width: N px) W px, W px`)."""
    match = re.fullmatch(r"\(max-width: (\d+)px\) (\d+)px, (\d+)px", sizes)
    narrow, phone, wide = (int(g) for g in match.groups())
    return phone if viewport <= narrow else wide


def test_a_phone_at_dpr_2_takes_the_500px_tile_not_the_1000px_rendition(alice, upload):
    photo = upload(alice, sample_jpeg(3000, 2000, seed=3), title="wide")
    candidates = srcset(photo)
    assert re.findall(r"/(\w+)\.jpg (\d+)w", candidates) == [
        ("small", "320"),
        ("tile", "500"),
        ("medium", "1000"),
        ("large", "2000"),
    ]
    phone = slot(tile_sizes(photo), viewport=375)
    assert phone >= 168  # a 3:2 tile in a 120 px row, stretched
    assert chosen(candidates, phone, dpr=2).endswith("/tile.jpg")
    assert chosen(candidates, 168, dpr=2).endswith("/tile.jpg")
    portrait = upload(alice, sample_jpeg(2000, 3000, seed=4), title="tall")
    tall = slot(tile_sizes(portrait), viewport=375)
    assert tall < phone  # a portrait's tile is narrower
    assert chosen(srcset(portrait), tall, dpr=2).endswith("/tile.jpg")  # 333 px wide


def test_the_tile_is_served_under_the_same_key_and_rules(client, alice, bob, upload):
    photo = upload(alice, sample_jpeg(800, 600, seed=5), title="x", visibility="private")
    url = re.search(r"(\S+/tile\.jpg) 500w", srcset(photo)).group(1)
    key = url.split("/")[-2]
    assert url == f"/r/{photo.pk}/{key}/tile.jpg"
    assert key in srcset(photo).split(", ")[0]  # one key for every size
    assert client.get(url).status_code == 404
    client.force_login(bob)
    assert client.get(url).status_code == 404
    client.force_login(alice)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content if response.streaming else [response.content])


def as_before_the_tile(photo) -> None:
    photo.renditions.filter(size="tile").delete()
    Photo.objects.filter(pk=photo.pk).update(rendition_sizes="large,medium,small")
    photo.refresh_from_db()


def test_an_older_photo_offers_no_tile_until_the_worker_made_it(alice, upload):
    photos = [upload(alice, sample_jpeg(900, 600, seed=s), title=f"old {s}") for s in (6, 7)]
    for photo in photos:
        as_before_the_tile(photo)
        assert "tile.jpg" not in srcset(photo)
    output = StringIO()
    call_command("rendition_backfill", stdout=output)  # enqueued; in tests the worker is inline
    assert "enqueued" in output.getvalue()
    for photo in photos:
        photo.refresh_from_db()
        tile = photo.renditions.get(size="tile")
        assert (tile.width, tile.height) == (500, 333)
        assert photo.rendition_sizes == "large,medium,tile,small"
        assert "/tile.jpg 500w" in srcset(photo)
    assert Rendition.objects.filter(size="tile").count() == 2


def test_the_backfilled_tile_keeps_the_served_metadata_rules(alice, upload, media_dir):
    photo = upload(alice, sample_jpeg(900, 600, seed=8, gps=(52.5, 13.4)), title="gps")
    as_before_the_tile(photo)
    call_command("rendition_backfill", "--now", stdout=StringIO())
    tile = photo.renditions.get(size="tile")
    with Image.open(media_dir / tile.file) as image:
        exif = image.getexif()
        assert exif.get(ExifTags.Base.Make) == "Fujifilm"
        assert not exif.get_ifd(ExifTags.IFD.GPSInfo)  # location is off for this photo

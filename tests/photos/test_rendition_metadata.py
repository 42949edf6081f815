"""Renditions carry only what Candid chooses (photos/served_metadata.py), read back with
exiftool on every size, stored and served: no comment, XMP, IPTC, MakerNote, thumbnail,
ICC profile, PNG text, Artist, Software or GPS of the upload's; the camera and time
fields stay; the served file adds Candid's own consent XMP and the owner's rights notice."""

import io

import pytest
from django.urls import reverse
from PIL import Image

from photos.services import photo_update
from tests.photos.hostile_images import (
    NAME,
    SECRET_WORDS,
    exiftool_tags,
    hostile_heic,
    hostile_jpeg,
    hostile_png,
    hostile_webp,
    needs_exiftool,
    swapped_primaries_icc,
)

pytestmark = needs_exiftool

SIZES = ("large", "medium", "tile", "small")
STORED_GROUPS = {"File", "JFIF", "IFD0", "ExifIFD", "Composite"}
# Candid's own: consent (plus), policy and rights notice (xmpRights, dc, cc).
SERVED_GROUPS = STORED_GROUPS | {"XMP-x", "XMP-plus", "XMP-xmpRights", "XMP-dc", "XMP-cc"}
CAMERA_AND_TIME = {
    "IFD0:Make": "Fujifilm",
    "IFD0:Model": "X-T5",
    "ExifIFD:ExposureTime": "1/250",
    "ExifIFD:FNumber": 5.6,
    "ExifIFD:ISO": 200,
    "ExifIFD:FocalLength": "35.0 mm",
    "ExifIFD:LensModel": "XF35mmF1.4 R",
    "ExifIFD:DateTimeOriginal": "2026:05:17 09:30:00",
    "ExifIFD:OffsetTimeOriginal": "+02:00",
}


def groups(tags: dict) -> set[str]:
    return {key.split(":", 1)[0] for key in tags}


def assert_says_nothing_of_the_upload(data: bytes, tags: dict, allowed_groups: set[str]):
    assert groups(tags) <= allowed_groups, groups(tags) - allowed_groups
    assert "File:Comment" not in tags
    text = repr(tags)
    for word in SECRET_WORDS:
        assert word not in text
        assert word.encode() not in data and word.encode("utf-16-be") not in data


def stored_renditions(photo, media_dir) -> dict[str, bytes]:
    return {r.size: (media_dir / r.file).read_bytes() for r in photo.renditions.all()}


def test_the_hostile_jpeg_really_carries_every_kind_of_text(tmp_path):
    tags = exiftool_tags(hostile_jpeg(tmp_path), tmp_path)
    assert tags["File:Comment"] == f"Shot by {NAME}"
    assert tags["IFD0:Artist"] == NAME and tags["IFD0:Software"] == "SecretEdit 1.0"
    assert tags["IPTC:By-line"] == NAME and tags["XMP-dc:Creator"] == NAME
    assert tags["FujiFilm:InternalSerialNumber"] == f"{NAME} SN-4711"
    assert tags["IFD1:ThumbnailImage"] and tags["ICC_Profile:ProfileDescription"]
    assert tags["GPS:GPSProcessingMethod"] == "Kitchen"


def test_every_stored_rendition_keeps_camera_and_time_and_nothing_else(
    alice, upload, tmp_path, media_dir
):
    photo = upload(alice, hostile_jpeg(tmp_path))
    renditions = stored_renditions(photo, media_dir)
    assert set(renditions) == set(SIZES)
    for data in renditions.values():
        tags = exiftool_tags(data, tmp_path)
        assert_says_nothing_of_the_upload(data, tags, STORED_GROUPS)
        assert {key: tags.get(key) for key in CAMERA_AND_TIME} == CAMERA_AND_TIME
        assert tags["IFD0:Orientation"] == "Horizontal (normal)"


def test_every_served_rendition_adds_only_candids_consent_metadata(client, alice, upload, tmp_path):
    photo = upload(alice, hostile_jpeg(tmp_path), visibility="public")
    for size in SIZES:
        response = client.get(reverse("rendition", args=[photo.pk, size]))
        assert response.status_code == 200
        tags = exiftool_tags(response.content, tmp_path)
        assert_says_nothing_of_the_upload(response.content, tags, SERVED_GROUPS)
        assert tags["XMP-plus:DataMining"].endswith("DMI-PROHIBITED")
        assert tags["IFD0:Make"] == "Fujifilm"
        assert tags["XMP-dc:Creator"] == alice.display_name
        assert tags["XMP-dc:Rights"].startswith(f"© {photo.created_at.year} {alice.display_name}")


def test_shown_location_keeps_the_position_and_no_other_gps_text(
    alice, upload, tmp_path, media_dir
):
    photo = upload(alice, hostile_jpeg(tmp_path), show_location=True)
    for data in stored_renditions(photo, media_dir).values():
        tags = exiftool_tags(data, tmp_path)
        assert_says_nothing_of_the_upload(data, tags, STORED_GROUPS | {"GPS"})
        gps = {key for key in tags if key.startswith("GPS:")}
        assert gps == {
            "GPS:GPSLatitudeRef",
            "GPS:GPSLatitude",
            "GPS:GPSLongitudeRef",
            "GPS:GPSLongitude",
        }
        assert tags["GPS:GPSLatitudeRef"] == "North"


def test_renditions_rebuilt_for_a_location_change_stay_clean(alice, upload, tmp_path, media_dir):
    photo = upload(alice, hostile_jpeg(tmp_path))
    photo_update(
        actor=alice,
        photo=photo,
        title=photo.title,
        description="",
        tags="",
        licence=photo.licence,
        visibility=photo.visibility,
        show_location=True,
    )
    photo.refresh_from_db()
    for data in stored_renditions(photo, media_dir).values():
        tags = exiftool_tags(data, tmp_path)
        assert_says_nothing_of_the_upload(data, tags, STORED_GROUPS | {"GPS"})


@pytest.mark.parametrize(
    ("make", "name"),
    [(hostile_png, "photo.png"), (hostile_webp, "photo.webp"), (hostile_heic, "photo.heic")],
    ids=["png-text-chunks", "webp-xmp-exif", "heic-xmp-exif"],
)
def test_other_formats_metadata_reaches_no_rendition(
    alice, upload, tmp_path, media_dir, make, name
):
    data = make()
    source = exiftool_tags(data, tmp_path)
    assert any(NAME in str(value) for value in source.values())
    photo = upload(alice, data, filename=name)
    for rendition in stored_renditions(photo, media_dir).values():
        tags = exiftool_tags(rendition, tmp_path)
        assert_says_nothing_of_the_upload(rendition, tags, STORED_GROUPS)
        assert tags["IFD0:Make"] == "Fujifilm"
        assert tags["ExifIFD:DateTimeOriginal"] == "2026:05:17 09:30:00"


def test_colours_are_converted_with_the_uploads_profile_before_it_is_dropped(
    alice, upload, media_dir
):
    out = io.BytesIO()
    Image.new("RGB", (64, 64), (255, 0, 0)).save(
        out, "JPEG", quality=95, icc_profile=swapped_primaries_icc()
    )
    photo = upload(alice, out.getvalue())
    large = Image.open(media_dir / photo.renditions.get(size="large").file)
    red, green, _blue = large.getpixel((32, 32))
    assert green > 200 and red < 60  # shown as the profile means it: green
    assert "icc_profile" not in large.info

import hashlib
import io
from datetime import UTC, datetime

import pytest
from PIL import ExifTags, Image

from core.errors import ServiceError
from core.models import Event
from photos.models import Photo, Rendition
from photos.samples import sample_bytes, sample_jpeg
from photos.services import UploadTooLarge


def stored_files(media_root):
    return [p for p in media_root.rglob("*") if p.is_file()] if media_root.exists() else []


def open_rendition(rendition: Rendition, media_root) -> Image.Image:
    return Image.open(media_root / rendition.file)


def test_upload_stores_original_renditions_hashes_and_metadata(alice, upload, jpeg, media_dir):
    photo = upload(alice, jpeg, title="Spree", tags="river, #berlin Berlin", licence="cc-by")

    assert photo.sha256 == hashlib.sha256(jpeg).hexdigest()
    assert len(photo.pdq_hash) == 64 and int(photo.pdq_hash, 16) > 0
    assert (photo.width, photo.height, photo.original_format) == (640, 480, "JPEG")
    assert photo.camera["make"] == "Fujifilm" and photo.camera["exposure_time"] == "1/250"
    assert photo.taken_at.isoformat() == "2026-05-17T09:30:00+00:00"
    assert sorted(photo.tags.values_list("name", flat=True)) == ["berlin", "river"]
    assert (media_dir / photo.original).read_bytes() == jpeg
    sizes = {r.size: (r.width, r.height) for r in photo.renditions.all()}
    assert sizes == {
        "large": (640, 480),
        "medium": (640, 480),
        "tile": (500, 375),
        "small": (320, 240),
    }
    assert Event.objects.filter(kind="photo.uploaded", subject_id=photo.pk).count() == 1


def test_large_original_gets_four_downscaled_renditions(alice, upload):
    photo = upload(alice, sample_jpeg(4000, 3000, seed=3))
    sizes = {r.size: max(r.width, r.height) for r in photo.renditions.all()}
    assert sizes == {"large": 2000, "medium": 1000, "tile": 500, "small": 320}


def test_renditions_drop_gps_but_keep_camera_data(alice, upload, jpeg, media_dir):
    photo = upload(alice, jpeg)
    for rendition in photo.renditions.all():
        exif = open_rendition(rendition, media_dir).getexif()
        assert ExifTags.IFD.GPSInfo not in exif
        assert exif.get_ifd(ExifTags.IFD.GPSInfo) == {}
        assert exif[ExifTags.Base.Make] == "Fujifilm"
    assert photo.latitude == pytest.approx(52.52, abs=1e-3)


def test_renditions_keep_gps_when_owner_shows_location(alice, upload, jpeg, media_dir):
    photo = upload(alice, jpeg, show_location=True)
    large = photo.renditions.get(size="large")
    gps = open_rendition(large, media_dir).getexif().get_ifd(ExifTags.IFD.GPSInfo)
    assert gps[ExifTags.GPS.GPSLatitudeRef] == "N"
    assert float(gps[ExifTags.GPS.GPSLatitude][0]) == 52


def test_exif_orientation_is_applied_to_renditions(alice, upload):
    rotated = sample_jpeg(600, 400, seed=4, orientation=6)
    photo = upload(alice, rotated)
    large = photo.renditions.get(size="large")
    assert (large.width, large.height) == (400, 600)


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_png_and_webp_are_accepted(alice, upload, fmt):
    photo = upload(alice, sample_bytes(fmt), filename=f"photo.{fmt.lower()}")
    assert photo.original_format == fmt
    assert photo.original.endswith("." + {"PNG": "png", "WEBP": "webp"}[fmt])


def test_heic_is_accepted(alice, upload):
    from pillow_heif import register_heif_opener

    register_heif_opener()
    out = io.BytesIO()
    Image.open(io.BytesIO(sample_jpeg(320, 240))).save(out, "HEIF")
    photo = upload(alice, out.getvalue(), filename="photo.heic")
    assert photo.original_format == "HEIF"


def truncated_jpeg():
    data = sample_jpeg(800, 600, seed=5)
    return data[: len(data) // 2]


def bomb_png():
    """A real PNG of 10,001 x 10,001 pixels (just over 100 MP) that is only a few kB."""
    out = io.BytesIO()
    Image.new("1", (10_001, 10_001)).save(out, "PNG")
    return out.getvalue()


def gif_bytes():
    out = io.BytesIO()
    Image.new("RGB", (50, 50), "red").save(out, "GIF")
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"%PDF-1.4 not an image at all", "photo.jpg", "not an image"),
        (truncated_jpeg(), "photo.jpg", "damaged or incomplete"),
        (bomb_png(), "photo.png", "larger than 100 megapixels"),
        (gif_bytes(), "photo.gif", "GIF files are not supported"),
        (sample_jpeg(64, 64), "../../etc/passwd.jpg", "file name is not acceptable"),
        (sample_jpeg(64, 64), "a\\..\\b.jpg", "file name is not acceptable"),
        (b"", "photo.jpg", "empty"),
    ],
    ids=["not-image", "truncated", "bomb", "gif", "path-trick", "windows-path", "empty"],
)
def test_bad_upload_is_refused_and_stores_nothing(
    alice, upload, media_dir, data, filename, message
):
    with pytest.raises(ServiceError) as refused:
        upload(alice, data, filename=filename)
    assert message in refused.value.message
    assert Photo.objects.count() == 0 and Rendition.objects.count() == 0
    assert stored_files(media_dir) == []
    assert not Event.objects.filter(kind="photo.uploaded").exists()


def test_oversized_upload_is_refused_before_decoding(alice, upload, media_dir, settings):
    settings.CANDID_MAX_UPLOAD_BYTES = 1024
    with pytest.raises(UploadTooLarge) as refused:
        upload(alice, sample_jpeg(320, 240))
    assert refused.value.status == 413 and "limit" in refused.value.message
    assert Photo.objects.count() == 0 and stored_files(media_dir) == []


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"licence": "cc-by-9"}, "Unknown licence"),
        ({"visibility": "secret"}, "Unknown visibility"),
        ({"title": "x" * 201}, "200 characters"),
        ({"tags": " ".join(f"t{i}" for i in range(21))}, "at most 20 tags"),
    ],
)
def test_bad_fields_are_refused_and_store_nothing(alice, upload, media_dir, fields, message):
    with pytest.raises(ServiceError) as refused:
        upload(alice, **fields)
    assert message in refused.value.message
    assert Photo.objects.count() == 0 and stored_files(media_dir) == []


def test_a_photos_facts_from_its_former_home_are_kept_by_the_upload(alice, upload):
    """photo_upload's keyword arguments for a move-in: the date there, the date taken
    there over the file's EXIF, the owner's sensitive label, a position the file lacks."""
    then, taken = datetime(2012, 6, 2, 8, tzinfo=UTC), datetime(2012, 6, 1, 19, 30, tzinfo=UTC)
    moved = upload(
        alice,
        sample_jpeg(320, 240, seed=1),
        created_at=then,
        taken_at=taken,
        sensitive=True,
        fallback_position=(52.5, 13.4),
    )
    with_gps = upload(
        alice, sample_jpeg(320, 240, seed=2, gps=(48.1, 11.6)), fallback_position=(52.5, 13.4)
    )
    plain = upload(alice, sample_jpeg(320, 240, seed=3))

    moved.refresh_from_db()
    assert (moved.created_at, moved.taken_at, moved.sensitive) == (then, taken, True)
    assert (moved.latitude, moved.longitude) == (52.5, 13.4)
    with_gps.refresh_from_db()
    assert round(with_gps.latitude, 1) == 48.1  # the file's own position wins
    plain.refresh_from_db()
    assert plain.created_at > then and not plain.sensitive and plain.latitude is None
    assert plain.taken_at.isoformat() == "2026-05-17T09:30:00+00:00"  # from EXIF
    uploaded = Event.objects.get(kind="photo.uploaded", subject_id=moved.pk)
    assert set(uploaded.data) == {"visibility", "licence"}

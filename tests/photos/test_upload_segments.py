"""Any size of metadata segment gives a clean result through the real upload form: the
photo is stored and its renditions carry none of the segment, or the file is refused
with a message and nothing is stored. Never a server error."""

import io

import pytest

from photos.models import Photo
from photos.samples import camera_exif, sample_image
from tests.photos.hostile_images import com_segment, srgb_icc

MAX_SEGMENT = 65533  # a segment's 16-bit length counts its own two bytes


def jpeg_with(**segments) -> bytes:
    out = io.BytesIO()
    sample_image(320, 240, seed=3).save(
        out, "JPEG", quality=85, exif=camera_exif().tobytes(), **segments
    )
    return out.getvalue()


def spliced(data: bytes, segment: bytes) -> bytes:
    """`segment` right after the start-of-image marker."""
    return data[:2] + segment + data[2:]


def post(client, data: bytes):
    fields = {"title": "Segments", "licence": "arr", "visibility": "public"}
    file = io.BytesIO(data)
    file.name = "photo.jpg"
    return client.post("/upload/", {**fields, "files": file})


def assert_stored_without(client, response, marker: bytes, media_dir):
    assert response.status_code == 302, response.content.decode()[:500]
    photo = Photo.objects.get()
    for rendition in photo.renditions.all():
        data = (media_dir / rendition.file).read_bytes()
        assert marker not in data


@pytest.mark.parametrize("size", [0, 1, 2, MAX_SEGMENT - 1, MAX_SEGMENT])
def test_a_comment_of_any_size_is_stored_and_never_served(client, alice, media_dir, size):
    client.force_login(alice)
    body = (b"Jane Roe " * (size // 9 + 1))[:size]
    data = spliced(jpeg_with(), com_segment(body))
    response = post(client, data)
    assert_stored_without(client, response, b"\xff\xfe", media_dir)


def test_many_comments_of_the_largest_size_are_dropped(client, alice, media_dir):
    client.force_login(alice)
    data = jpeg_with()
    for _ in range(20):
        data = spliced(data, com_segment(b"C" * MAX_SEGMENT))
    assert_stored_without(client, post(client, data), b"CCCCCCCC", media_dir)


def test_the_largest_xmp_segment_is_dropped(client, alice, media_dir):
    client.force_login(alice)
    packet = b"<x:xmpmeta>" + b"X" * (65504 - 25) + b"</x:xmpmeta>"
    data = jpeg_with(xmp=packet[:65504])
    assert_stored_without(client, post(client, data), b"XXXXXXXX", media_dir)


@pytest.mark.parametrize("padding", [70_000, 2_000_000], ids=["two-segments", "31-segments"])
def test_a_huge_icc_profile_is_dropped(client, alice, media_dir, padding):
    """Pillow spreads a large profile over several APP2 segments; the renditions carry none."""
    client.force_login(alice)
    data = jpeg_with(icc_profile=srgb_icc() + b"P" * padding)
    assert_stored_without(client, post(client, data), b"ICC_PROFILE", media_dir)


@pytest.mark.parametrize("length", [b"\x00\x00", b"\x00\x01"], ids=["length-0", "length-1"])
def test_a_segment_length_below_its_own_size_is_refused_cleanly(client, alice, media_dir, length):
    client.force_login(alice)
    response = post(client, spliced(jpeg_with(), b"\xff\xfe" + length + b"junk"))
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert "damaged or incomplete" in response.content.decode()
        assert not Photo.objects.exists()


def app_segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + (len(payload) + 2).to_bytes(2, "big") + payload


@pytest.mark.parametrize(
    ("marker", "header"),
    [
        (0xE1, b"http://ns.adobe.com/xmp/extension/\x00"),
        (0xED, b"Photoshop 3.0\x00"),
        (0xEF, b""),
    ],
    ids=["extended-xmp", "photoshop-iptc", "app15"],
)
def test_many_largest_application_segments_are_dropped(client, alice, media_dir, marker, header):
    client.force_login(alice)
    payload = header + b"A" * (MAX_SEGMENT - len(header))
    data = jpeg_with()
    for _ in range(16):
        data = spliced(data, app_segment(marker, payload))
    assert_stored_without(client, post(client, data), b"AAAAAAAA", media_dir)

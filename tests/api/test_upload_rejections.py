"""Every refused upload answers 4xx with a clear detail and stores nothing: no row, no
file, no event. The checks are the upload service's, the same as the web form's."""

import io

import pytest
from PIL import Image

from core.models import Event
from photos.models import Photo


def encoded(fmt: str, image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt)
    return out.getvalue()


def assert_nothing_stored(stored_files):
    assert not Photo.objects.exists()
    assert stored_files() == []
    assert not Event.objects.filter(kind="photo.uploaded").exists()


def test_upload_of_a_real_name_succeeds_through_the_hand_built_multipart(alice, api, jpeg):
    response = api(alice).upload_raw("holiday.jpg", jpeg, title="Control")
    assert response.status_code == 201
    assert response.json()["title"] == "Control"


def test_file_that_is_not_an_image_is_refused(alice, api, stored_files):
    response = api(alice).upload_raw("notes.jpg", b"just some text\n" * 100)
    assert response.status_code == 400
    assert response.json()["detail"].startswith("This file is not an image.")
    assert_nothing_stored(stored_files)


def test_truncated_image_is_refused(alice, api, jpeg, stored_files):
    response = api(alice).upload_raw("cut.jpg", jpeg[: len(jpeg) // 2])
    assert response.status_code == 400
    assert "damaged or incomplete" in response.json()["detail"]
    assert_nothing_stored(stored_files)


def test_decompression_bomb_is_refused(alice, api, stored_files):
    """10001 x 10001 one-bit pixels: a PNG of a few kilobytes that decodes to 100 MP."""
    bomb = encoded("PNG", Image.new("1", (10001, 10001)))
    assert len(bomb) < 100_000
    response = api(alice).upload_raw("bomb.png", bomb)
    assert response.status_code == 400
    assert "larger than 100 megapixels" in response.json()["detail"]
    assert_nothing_stored(stored_files)


def test_file_over_the_size_limit_answers_413(alice, api, jpeg, settings, stored_files):
    settings.CANDID_MAX_UPLOAD_BYTES = 1024 * 1024
    padded = jpeg + b"\0" * (1024 * 1024)
    response = api(alice).upload_raw("big.jpg", padded)
    assert response.status_code == 413
    assert response.json()["detail"] == "The file is larger than the 1 MB limit."
    assert_nothing_stored(stored_files)


def test_empty_file_is_refused(alice, api, stored_files):
    response = api(alice).upload_raw("empty.jpg", b"")
    assert 400 <= response.status_code < 500
    assert response.json()["detail"]
    assert_nothing_stored(stored_files)


@pytest.mark.parametrize(
    "name", ["../../etc/passwd.jpg", "/etc/passwd.jpg", r"..\..\boot.jpg", "a/../b.jpg"]
)
def test_file_name_with_a_path_trick_is_refused(alice, api, jpeg, stored_files, name):
    response = api(alice).upload_raw(name, jpeg)
    assert response.status_code == 400
    assert "file name is not acceptable" in response.json()["detail"]
    assert_nothing_stored(stored_files)


@pytest.mark.parametrize("fmt", ["GIF", "BMP"])
def test_unsupported_format_is_refused(alice, api, stored_files, fmt):
    data = encoded(fmt, Image.new("RGB", (64, 48), "teal"))
    response = api(alice).upload_raw(f"picture.{fmt.lower()}", data)
    assert response.status_code == 400
    assert response.json()["detail"].startswith(f"{fmt} files are not supported.")
    assert_nothing_stored(stored_files)


def test_read_only_token_cannot_upload(alice, api, jpeg, stored_files):
    response = api(alice, "read").upload_raw("photo.jpg", jpeg)
    assert response.status_code == 403
    assert_nothing_stored(stored_files)

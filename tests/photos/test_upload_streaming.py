"""Uploads stream into CANDID_DATA_DIR's upload directory, are refused as soon as a file
passes the limit, and leave no file behind on any path (core/upload_limits.py)."""

import importlib
import json

import pytest

from accounts.services import token_create
from photos.models import Photo
from photos.samples import sample_jpeg
from tests.photos.upload_wire import WatchedBody, multipart, post_over_wsgi, upload_files

LIMIT = 1024 * 1024
BIG_JPEG = sample_jpeg(1600, 1200, seed=2, noise=30)


@pytest.fixture
def uploads_dir(settings, tmp_path):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # every file goes to disk, where it can be seen
    settings.CANDID_MAX_UPLOAD_BYTES = LIMIT
    return tmp_path / "uploads"


@pytest.fixture
def bearer(alice):
    secret = token_create(user=alice, name="wire", scopes=["read", "write"])[1]
    return {"Authorization": f"Bearer {secret}"}


def api_upload(uploads_dir, bearer, files, **kwargs):
    body = WatchedBody(multipart(files, title="Wire"), uploads_dir, **kwargs)
    status, content = post_over_wsgi("/api/v1/photos", body, headers=bearer)
    return status, content, body


def test_the_upload_directory_is_inside_the_data_dir():
    """(The tests give each test its own directory; this is the configured one.)"""
    configured = importlib.import_module("candid.settings")
    assert configured.FILE_UPLOAD_TEMP_DIR == configured.DATA_DIR / "tmp" / "uploads"
    assert configured.FILE_UPLOAD_HANDLERS == ["core.upload_limits.LimitedUploadHandler"]


def test_a_good_upload_streams_through_the_upload_dir_and_leaves_nothing(uploads_dir, bearer):
    jpeg = BIG_JPEG
    assert len(jpeg) > 4 * 64 * 1024  # several reads, so the file is seen while it grows
    status, content, body = api_upload(uploads_dir, bearer, [("photo.jpg", jpeg)])
    assert status == 201, content
    assert body.files_seen and all(n.startswith("upload-") for n in body.files_seen)
    assert upload_files(uploads_dir) == {}


def test_an_oversized_file_is_refused_before_more_than_the_limit_is_written(uploads_dir, bearer):
    oversized = sample_jpeg(320, 240) + b"\0" * (4 * LIMIT)
    status, content, body = api_upload(uploads_dir, bearer, [("big.jpg", oversized)])
    assert status == 413
    assert json.loads(content)["detail"] == "The file is larger than the 1 MB limit."
    assert 0 < body.largest_seen <= LIMIT
    assert body.position < 2 * LIMIT < len(body.body)  # the rest of the body was never read
    assert upload_files(uploads_dir) == {}
    assert not Photo.objects.exists()


def test_a_second_file_over_the_limit_takes_the_first_file_with_it(client, alice, uploads_dir):
    client.force_login(alice)
    files = [("a.jpg", sample_jpeg(320, 240, seed=1)), ("b.jpg", b"\xff" * (LIMIT + 1))]
    fields = {"title": "Two", "licence": "arr", "visibility": "public"}
    response = client.post("/upload/", {**fields, "files": [_named(n, d) for n, d in files]})
    assert response.status_code == 413
    assert "larger than the 1 MB limit" in response.content.decode()
    assert upload_files(uploads_dir) == {}
    assert not Photo.objects.exists()


@pytest.mark.parametrize(
    "content",
    [b"just text, not an image\n" * 20_000, BIG_JPEG[: len(BIG_JPEG) // 2]],
    ids=["not-an-image", "truncated"],
)
def test_a_refused_file_leaves_no_upload_file(uploads_dir, bearer, content):
    status, _content, body = api_upload(uploads_dir, bearer, [("photo.jpg", content)])
    assert status == 400
    assert body.files_seen
    assert upload_files(uploads_dir) == {}


def test_an_empty_file_leaves_no_upload_file(uploads_dir, bearer):
    status, _content, _body = api_upload(uploads_dir, bearer, [("photo.jpg", b"")])
    assert status == 400
    assert upload_files(uploads_dir) == {}


def test_a_client_that_goes_away_mid_body_leaves_no_upload_file(uploads_dir, bearer):
    data = sample_jpeg(800, 600) + b"\0" * (LIMIT // 2)
    status, _content, body = api_upload(
        uploads_dir, bearer, [("photo.jpg", data)], fail_after=len(data) // 2
    )
    assert status >= 400
    assert body.largest_seen > 0
    assert upload_files(uploads_dir) == {}


def test_an_unauthenticated_upload_writes_nothing(db, uploads_dir, jpeg):
    body = WatchedBody(multipart([("photo.jpg", jpeg)]), uploads_dir)
    status, _content = post_over_wsgi("/api/v1/photos", body, headers={})
    assert status == 401
    assert body.largest_seen == 0 and upload_files(uploads_dir) == {}


def _named(name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, "image/jpeg")

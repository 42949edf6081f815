"""Issue 13, fault tests: the web process (gunicorn) is killed with SIGKILL while it
receives an upload, once the body is partly written to disk. After a restart: the killed
upload's part is only in the swept upload directory (the original carries GPS), no row,
and the next upload through the restarted server works."""

import socket
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection

from accounts.services import token_create
from photos.models import Photo
from photos.samples import sample_jpeg
from rights.services.media import media_check
from tests.faults.processes import WebServer, child_env
from tests.pausing import files_under

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="kills writers: PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(scope="module")
def big_jpeg() -> bytes:
    """A real JPEG over FILE_UPLOAD_MAX_MEMORY_SIZE (2.5 MB), so the body goes to disk."""
    return sample_jpeg(3600, 2700, seed=3, noise=60, quality=97, gps=(52.52, 13.405))


def upload_request(token: str, jpeg: bytes, title: str) -> bytes:
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\n{title}\r\n',
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.jpg"\r\n'
        "Content-Type: image/jpeg\r\n\r\n",
    ]
    body = "".join(parts).encode() + jpeg + f"\r\n--{boundary}--\r\n".encode()
    head = (
        "POST /api/v1/photos HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Authorization: Bearer {token}\r\nContent-Type: multipart/form-data; "
        f"boundary={boundary}\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    return head.encode() + body


def debris(tmp_path: Path) -> list[str]:
    """Every file under the data and temporary directories except the media files (which
    media_check holds to their rows) and the test's own pause files."""
    return [f for f in files_under(tmp_path) if not f.startswith(("media/", "pause/", "export"))]


def kill_mid_upload(server: WebServer, token: str, jpeg: bytes, tmp_path: Path) -> None:
    request = upload_request(token, jpeg, "Killed")
    with socket.create_connection(("127.0.0.1", server.port)) as client:
        client.sendall(request[: len(request) - 64 * 1024])
        deadline = time.monotonic() + 20
        while not debris(tmp_path) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert debris(tmp_path), "the server never wrote the body to disk"
        server.kill()


def complete_upload(server: WebServer, token: str, jpeg: bytes) -> str:
    with socket.create_connection(("127.0.0.1", server.port), timeout=60) as client:
        client.sendall(upload_request(token, jpeg, "Next"))
        answer = b""
        while chunk := client.recv(65536):
            answer += chunk
    return answer.split(b"\r\n", 1)[0].decode()


@pytest.fixture
def killed_upload(alice, tmp_path, big_jpeg):
    """The server killed mid-upload and started again; yields (server, token)."""
    _, token = token_create(user=alice, name="uploads", scopes=["read", "write"])
    (tmp_path / "tmp").mkdir()
    env = child_env(tmp_path, TMPDIR=str(tmp_path / "tmp"))
    kill_mid_upload(WebServer(env), token, big_jpeg, tmp_path)
    server = WebServer(env)
    yield server, token
    server.kill()


def test_a_killed_upload_leaves_its_part_only_in_the_upload_directory(killed_upload, tmp_path):
    """The partial original waits in CANDID_DATA_DIR/tmp/uploads, never in the system
    temporary directory, until the debris sweep removes it (tests/photos/test_upload_killed.py
    proves the sweep)."""
    left = debris(tmp_path)
    assert left and all(f.startswith("tmp/uploads/upload-") for f in left), left


def test_the_next_upload_after_a_killed_one_works(killed_upload, big_jpeg, alice):
    server, token = killed_upload
    assert not Photo.objects.exists() and media_check().ok
    assert complete_upload(server, token, big_jpeg) == "HTTP/1.1 201 Created"
    assert list(Photo.objects.values_list("title", flat=True)) == ["Next"]
    assert media_check().ok

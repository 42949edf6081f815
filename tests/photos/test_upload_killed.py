"""kill -9 of a real web process (gunicorn on 127.0.0.1, as `make run` serves) while a slow
client is halfway through an upload: the partial original is left in the data dir's
upload directory, and only there; the next start (or the upkeep sweep) removes it once no
process has written to it for a while; the next upload works. Also: a real client gets
a clean 413 for an oversized file while it is still sending."""

import http.client
import json
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from core.upload_limits import DEBRIS_MINUTES
from photos.samples import sample_jpeg
from tests.photos.upload_wire import BOUNDARY, multipart, upload_files

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
GUNICORN = Path(PYTHON).with_name("gunicorn")
LIMIT = 8 * 1024 * 1024
MAKE_TOKEN = (
    "from accounts.models import User; from accounts.services import token_create; "
    "u = User.objects.create_user(username='killed', email='k@example.org', password='x'); "
    "print(token_create(user=u, name='kill', scopes=['read', 'write'])[1])"
)

pytestmark = pytest.mark.skipif(not GUNICORN.exists(), reason="gunicorn is not installed")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(data_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CANDID_PG_PORT")}
    env.update(
        CANDID_DATA_DIR=str(data_dir),
        DJANGO_SETTINGS_MODULE="candid.settings",
        SECRET_KEY="kill-test-" + os.urandom(16).hex(),
        CANDID_MAX_UPLOAD_BYTES=str(LIMIT),
        PYTHONPATH=str(ROOT),
    )
    return env


def manage(env: dict, *args: str) -> str:
    done = subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


class Server:
    def __init__(self, env: dict):
        self.port = free_port()
        self.process = subprocess.Popen(  # noqa: S603
            [str(GUNICORN), "candid.wsgi", "--bind", f"127.0.0.1:{self.port}"]
            + ["--workers", "1", "--timeout", "120"],
            cwd=ROOT,
            env=env,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self._wait_until_answering()

    def _wait_until_answering(self):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                connection.request("GET", "/robots.txt")
                connection.getresponse().read()
                return
            except OSError:
                time.sleep(0.2)
        raise AssertionError("the server did not start")

    def kill(self):
        """kill -9 of the master and its worker: nothing of Candid's runs afterwards."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        """Gunicorn's quick shutdown (SIGQUIT); kill -9 if it does not come."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGQUIT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


def request_head(port: int, token: str, length: int) -> bytes:
    return (
        f"POST /api/v1/photos HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Authorization: Bearer {token}\r\nConnection: close\r\n"
        f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\n"
        f"Content-Length: {length}\r\n\r\n"
    ).encode()


def upload(port: int, token: str, body: bytes) -> tuple[int, dict]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {
        "Authorization": f"Bearer {token}",
        "Content-Type": f"multipart/form-data; boundary={BOUNDARY}",
    }
    connection.request("POST", "/api/v1/photos", body=body, headers=headers)
    response = connection.getresponse()
    return response.status, json.loads(response.read() or b"{}")


def wait_for(condition, timeout: float = 30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if found := condition():
            return found
        time.sleep(0.1)
    raise AssertionError("timed out")


def original_with_gps() -> bytes:
    """A camera JPEG with a GPS position, padded past the in-memory size so it streams to disk."""
    return sample_jpeg(640, 480, seed=5, gps=(52.52, 13.405)) + b"\0" * (4 * 1024 * 1024)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("killed-upload")
    env = environment(data_dir)
    manage(env, "migrate", "--noinput", "-v0")
    token = manage(env, "shell", "-c", MAKE_TOKEN).splitlines()[-1]
    return env, data_dir / "tmp" / "uploads", token


def test_a_killed_upload_leaves_debris_only_until_the_next_start(site):
    env, uploads, token = site
    original = original_with_gps()
    body = multipart([("gps.jpg", original)], title="Killed")
    server = Server(env)
    try:
        client = socket.create_connection(("127.0.0.1", server.port))
        client.sendall(request_head(server.port, token, len(body)) + body[: len(body) // 2])
        debris = wait_for(lambda: [n for n, size in upload_files(uploads).items() if size > 1e6])
        server.kill()
        client.close()
    finally:
        server.stop()
    (name,) = debris
    left = (uploads / name).read_bytes()
    assert left.startswith(original[:4096])  # the original, GPS block and all
    assert not any(Path(env["CANDID_DATA_DIR"], "media").rglob("*.jpg"))

    young = uploads / "upload-live-elsewhere.part"
    young.write_bytes(b"another worker's upload in progress")
    stale = time.time() - (DEBRIS_MINUTES + 1) * 60
    os.utime(uploads / name, (stale, stale))
    server = Server(env)
    try:
        assert upload_files(uploads) == {young.name: young.stat().st_size}
        status, answer = upload(server.port, token, body)
        assert status == 201, answer
        # The worker deletes the upload file when it closes the response, just after sending it.
        wait_for(lambda: upload_files(uploads) == {young.name: young.stat().st_size}, 10)
    finally:
        server.stop()


def test_the_upkeep_sweep_removes_debris_nobody_writes_to(site):
    env, uploads, _token = site
    uploads.mkdir(parents=True, exist_ok=True)
    left = uploads / "upload-killed.part"
    left.write_bytes(b"\xff\xd8 part of an original")
    assert "0 abandoned upload files deleted." in manage(env, "upload_debris_sweep")
    stale = time.time() - (DEBRIS_MINUTES + 1) * 60
    os.utime(left, (stale, stale))
    assert "abandoned upload files deleted." in manage(env, "upload_debris_sweep")
    assert not left.exists()


def test_a_real_client_gets_a_clean_413_while_still_sending(site):
    env, uploads, token = site
    body = multipart([("huge.jpg", b"\xff\xd8" + b"\0" * (3 * LIMIT))], title="Huge")
    server = Server(env)
    try:
        client = socket.create_connection(("127.0.0.1", server.port))
        client.sendall(request_head(server.port, token, len(body)))
        sent, answer = 0, b""
        try:
            while sent < len(body) and not select.select([client], [], [], 0)[0]:
                sent += client.send(body[sent : sent + 65536])
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server stopped reading; its answer is waiting
        client.settimeout(30)
        while chunk := client.recv(65536):
            answer += chunk
        client.close()
    finally:
        server.stop()
    assert sent < len(body)
    head, _, content = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413")
    assert json.loads(content)["detail"] == "The file is larger than the 8 MB limit."
    assert all(size <= LIMIT for size in upload_files(uploads).values())
    shutil.rmtree(uploads, ignore_errors=True)

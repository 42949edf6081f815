"""The shared cache across processes: gunicorn with two worker processes (four threads
each) on `CANDID_CACHE_URL=redis://…` lets exactly the documented number of requests of one
client through, every refusal with Retry-After, counted in Redis and not in the database;
and a write made by a third process (a worker, a management command) invalidates the
anonymous page cache of both web processes at once."""

import os
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import redis
from django.db import connection

from tests.redis_support import free_port
from tests.test_ratelimit_cache import HOUR, an_address_far_from_its_window_end

ROOT = Path(__file__).resolve().parent.parent
ALLOWED = 30

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="processes share a SQLite file; Redis is the subject"
)

SETUP = """
import io
from accounts.models import User
from photos.samples import sample_jpeg
from photos.services import photo_upload
owner = User.objects.create_user(username="alice", email="alice@example.org", password="x" * 20)
data = sample_jpeg(320, 240, seed=1)
photo = photo_upload(owner=owner, file=io.BytesIO(data), filename="a.jpg", size=len(data),
                     title="Before the change")
print(photo.pk)
"""
CHANGE = """
from photos.models import Photo
from photos.services import photo_update
p = Photo.objects.get(pk={pk})
photo_update(actor=p.owner, photo=p, title="After the change", description=p.description,
             tags=[], licence=p.licence, visibility=p.visibility, show_location=p.show_location)
"""


def manage(env: dict, *args: str) -> str:
    done = subprocess.run(  # noqa: S603 (our own interpreter, fixed arguments)
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def get(port: int, path: str, address: str = "") -> tuple[int, str, str]:
    request = urllib.request.Request(  # noqa: S310
        f"http://127.0.0.1:{port}{path}", headers={"X-Real-IP": address} if address else {}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return (
                response.status,
                response.headers.get("Retry-After", ""),
                response.read().decode(),
            )
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Retry-After", ""), ""


class Stack:
    """gunicorn, two workers, on a fresh SQLite file and the test session's Redis."""

    def __init__(self, data: Path, redis_url: str):
        self.data, self.port, self.log = data, free_port(), data / "access.log"
        self.env = {
            **os.environ,
            "CANDID_DATA_DIR": str(data),
            "CANDID_CACHE_URL": redis_url,
            "CANDID_TRAINER_RATE": f"{ALLOWED}/h",
            "CANDID_TRUSTED_PROXIES": "127.0.0.1",
            "CANDID_CLIENT_IP_HEADER": "HTTP_X_REAL_IP",
            "CANDID_ANON_PAGE_SECONDS": str(HOUR),  # only an invalidation can refresh a page
            "SECRET_KEY": "test-only-" + "x" * 50,
            "DEBUG": "0",
        }
        self.env.pop("DATABASE_URL", None)

    def start(self) -> None:
        self.server = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "gunicorn", "candid.wsgi", "--bind", f"127.0.0.1:{self.port}"]
            + ["--workers", "2", "--threads", "4", "--access-logfile", str(self.log)]
            + ["--access-logformat", "%(p)s %(s)s %(U)s"],
            cwd=ROOT,
            env=self.env,
            stderr=(self.data / "gunicorn.err").open("w"),
        )
        deadline = time.monotonic() + 90
        while len(self.pids_serving("/healthz")) < 2:  # both workers answer
            assert time.monotonic() < deadline, "gunicorn did not start two workers"
            try:
                get(self.port, "/healthz")
            except OSError:
                time.sleep(0.2)

    def stop(self) -> None:
        self.server.terminate()
        self.server.wait(30)

    def lines(self) -> list[list[str]]:
        text = self.log.read_text() if self.log.exists() else ""
        return [line.split() for line in text.splitlines() if line.strip()]

    def pids_serving(self, path: str, since: int = 0) -> set[str]:
        return {pid for pid, _status, served in self.lines()[since:] if served == path}

    def from_both_workers(self, path: str) -> list[str]:
        """Pages of `path`, asked for until each worker process has answered it."""
        since, pages = len(self.lines()), []
        while len(self.pids_serving(path, since)) < 2:
            assert len(pages) < 200, "one worker never answered"
            status, _wait, body = get(self.port, path)
            assert status == 200, (self.data / "gunicorn.err").read_text()[-3000:]
            pages.append(body)
        return pages


@pytest.fixture(scope="module")
def stack(tmp_path_factory, redis_url):
    redis.Redis.from_url(redis_url).flushdb()
    running = Stack(tmp_path_factory.mktemp("stack"), redis_url)
    manage(running.env, "migrate", "--noinput", "-v0")
    manage(running.env, "collectstatic", "--noinput", "-v0")  # pages name hashed static files
    running.photo_id = int(manage(running.env, "shell", "-c", SETUP).split()[-1])
    running.start()
    try:
        yield running
    finally:
        running.stop()
        redis.Redis.from_url(redis_url).flushdb()


def test_two_gunicorn_workers_on_redis_let_exactly_the_documented_number_through(stack, redis_url):
    address = an_address_far_from_its_window_end(HOUR)
    path = "/api/v1/trainers/changes"
    with ThreadPoolExecutor(12) as pool:
        answers = list(pool.map(lambda a: get(stack.port, path, a)[:2], [address] * 3 * ALLOWED))
    assert Counter(status for status, _ in answers) == {200: ALLOWED, 429: 2 * ALLOWED}
    waits = [int(wait) for status, wait in answers if status == 429]
    assert len(waits) == 2 * ALLOWED and all(600 < wait <= HOUR for wait in waits)
    assert len(stack.pids_serving(path)) == 2  # both processes counted this one client
    server = redis.Redis.from_url(redis_url)
    counts = [int(server.get(key)) for key in server.scan_iter("candid-ratelimit:*")]
    assert counts == [3 * ALLOWED]  # every request counted once, in Redis
    with sqlite3.connect(stack.data / "candid.sqlite3") as db:
        tables = db.execute("SELECT name FROM sqlite_master WHERE name LIKE '%ratelimit%'")
        assert tables.fetchall() == []  # no counter table in the database at all


def test_a_write_in_another_process_refreshes_the_page_in_both_workers(stack):
    path = f"/photos/{stack.photo_id}/"
    assert all("Before the change" in page for page in stack.from_both_workers(path))
    manage(stack.env, "shell", "-c", CHANGE.format(pk=stack.photo_id))
    after = stack.from_both_workers(path)
    assert all("After the change" in page and "Before" not in page for page in after)

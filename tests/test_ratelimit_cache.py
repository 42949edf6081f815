"""Rate-limit counts are exact across processes and threads: the embedded default
(`make run`: gunicorn, two worker processes, four threads each, SQLite) lets exactly the
documented number of requests through, and so do concurrent threads on PostgreSQL; and
django-ratelimit's own check runs and finds a cache that counts correctly."""

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import zlib
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core import checks
from django.core.cache import caches
from django.db import connection, connections
from django.test import RequestFactory

from core.cache_counters import CounterCache
from web.ratelimits import seconds_to_wait

ROOT = Path(__file__).resolve().parent.parent
HOUR = 3600


def an_address_far_from_its_window_end(period: int, margin: int = 600) -> str:
    """django-ratelimit counts in fixed windows, each key's ending at its own offset: a
    client address whose window does not end while the test runs."""
    now = int(time.time())
    for i in range(1, 255):
        address = f"203.0.113.{i}"
        if (zlib.crc32(address.encode()) % period - now % period) % period > margin:
            return address
    raise AssertionError("no address found")


def test_django_ratelimit_check_runs_and_finds_no_error():
    found = checks.run_checks(tags=[checks.Tags.caches])
    ours = {m.id: m for m in found if m.id and m.id.startswith("django_ratelimit")}
    # W001 only says the backend is not on django-ratelimit's list; silenced with a reason.
    assert set(ours) == {"django_ratelimit.W001"}
    assert "django_ratelimit.W001" in settings.SILENCED_SYSTEM_CHECKS
    assert settings.CACHES[settings.RATELIMIT_USE_CACHE]["BACKEND"] == (
        "core.cache_counters.CounterCache"
    )


@pytest.mark.parametrize("cache", ["local", "database"])
def test_manage_py_check_shows_no_ratelimit_issue(cache):
    env = {**os.environ, "CANDID_CACHE": cache}
    done = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "ratelimit" not in done.stdout + done.stderr


def get(port: int, path: str, address: str = "") -> tuple[int, str]:
    request = urllib.request.Request(  # noqa: S310
        f"http://127.0.0.1:{port}{path}", headers={"X-Real-IP": address} if address else {}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, response.headers.get("Retry-After", "")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Retry-After", "")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def worker_pids(log: Path) -> set[str]:
    return {line.split()[0] for line in log.read_text().splitlines() if line.strip()}


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the embedded default runs on SQLite")
def test_two_gunicorn_workers_let_exactly_the_documented_number_through(tmp_path):
    allowed = 30
    env = {
        **os.environ,
        "CANDID_DATA_DIR": str(tmp_path),
        "CANDID_TRAINER_RATE": f"{allowed}/h",
        "CANDID_CLIENT_IP_HEADER": "HTTP_X_REAL_IP",
        "CANDID_TRUSTED_PROXIES": "127.0.0.1",
        "SECRET_KEY": "test-only-" + "x" * 50,
        "DEBUG": "0",
    }
    env.pop("DATABASE_URL", None)
    migrate = [sys.executable, "manage.py", "migrate", "--noinput", "-v0"]
    subprocess.run(migrate, cwd=ROOT, env=env, check=True)  # noqa: S603
    port, log = free_port(), tmp_path / "access.log"
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "candid.wsgi", "--bind", f"127.0.0.1:{port}"]
        + ["--workers", "2", "--threads", "4", "--access-logfile", str(log)]
        + ["--access-logformat", "%(p)s %(s)s %(U)s"],
        cwd=ROOT,
        env=env,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 90
        while len(worker_pids(log) if log.exists() else ()) < 2:  # both workers answer
            assert time.monotonic() < deadline, "gunicorn did not start two workers"
            try:
                get(port, "/healthz")
            except OSError:
                time.sleep(0.2)
        address = an_address_far_from_its_window_end(HOUR)
        requests = [address] * (3 * allowed)
        with ThreadPoolExecutor(12) as pool:
            answers = list(pool.map(lambda a: get(port, "/api/v1/trainers/changes", a), requests))
    finally:
        server.terminate()
        server.wait(30)
    assert Counter(status for status, _ in answers) == {200: allowed, 429: 2 * allowed}
    waits = [int(wait) for status, wait in answers if status == 429]
    assert all(600 < wait <= HOUR for wait in waits)
    served = [line.split() for line in log.read_text().splitlines()]
    limited = {pid for pid, _status, path in served if path.startswith("/api/")}
    assert len(limited) == 2  # both processes counted requests of this one client


@pytest.mark.skipif(connection.vendor != "postgresql", reason="threads need a server database")
@pytest.mark.django_db(transaction=True)
def test_threads_on_postgresql_count_exactly(settings):
    settings.RATELIMIT_ENABLE = True
    settings.CANDID_TRAINER_RATE = "25/h"
    caches["ratelimit"].clear()
    address = an_address_far_from_its_window_end(HOUR)
    threads, each = 10, 8
    start = threading.Barrier(threads)

    def hammer(_index: int) -> list[int]:
        request = RequestFactory().get("/", REMOTE_ADDR=address)
        start.wait()
        try:
            return [seconds_to_wait(request, "hammer", "CANDID_TRAINER_RATE") for _ in range(each)]
        finally:
            connections.close_all()

    try:
        with ThreadPoolExecutor(threads) as pool:
            waits = [w for batch in pool.map(hammer, range(threads)) for w in batch]
    finally:
        caches["ratelimit"].clear()
    assert waits.count(0) == 25
    assert all(600 < w <= HOUR for w in waits if w)


def counters(max_entries: int = 5) -> CounterCache:
    return CounterCache("candid_ratelimit", {"OPTIONS": {"MAX_ENTRIES": max_entries}})


def test_culling_a_full_table_keeps_every_live_counter(db):
    """Django's DatabaseCache culls a full table by deleting a third of its rows, live or
    not: a deleted counter would start again from zero, resetting its limit."""
    cache = counters()
    for i in range(12):
        assert cache.add(f"live{i}", 1, 3600)
    assert [cache.get(f"live{i}") for i in range(12)] == [1] * 12
    assert cache.incr("live0") == 2


def test_an_expired_or_missing_counter_is_not_counted_on(db, time_machine):
    time_machine.move_to(datetime.now(UTC), tick=False)
    cache = counters()
    cache.add("short", 1, 10)
    assert cache.incr("short") == 2
    time_machine.shift(11)
    with pytest.raises(ValueError, match="not found"):
        cache.incr("short")
    with pytest.raises(ValueError, match="not found"):
        cache.incr("never-added")
    assert cache.add("short", 1, 10)  # an expired counter starts afresh
    assert cache.incr("short") == 2

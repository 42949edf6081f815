"""A real Redis for the shared-cache tests (`CANDID_CACHE_URL=redis://…`): one
`redis-server` per test session on a free 127.0.0.1 port, persisting nothing. The caches
and session engine are configured exactly as candid/settings.py builds them from
CANDID_CACHE_URL (read once, from a fresh process)."""

import json
import os
import shutil
import socket
import subprocess
import sys
import time

import pytest
import redis
from django.conf import settings as django_settings
from django.core.cache import caches


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(url: str, process: subprocess.Popen, seconds: float = 30) -> None:
    give_up = time.monotonic() + seconds
    while time.monotonic() < give_up:
        if process.poll() is not None:
            raise RuntimeError(f"redis-server exited with status {process.returncode}")
        try:
            redis.Redis.from_url(url, socket_timeout=0.5).ping()
            return
        except redis.ConnectionError:
            time.sleep(0.05)
    raise RuntimeError("redis-server did not answer PING")


@pytest.fixture(scope="session")
def redis_url():
    """redis://127.0.0.1:<port>/0 of a throw-away server (Debian package redis-server,
    installed by `make deps-system`)."""
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is missing (make deps-system installs it)")
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 (a fixed program with fixed arguments)
        [server, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    try:
        _wait_for(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def redis_settings(redis_url) -> dict:
    """CACHES and SESSION_ENGINE as candid/settings.py builds them for CANDID_CACHE_URL."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "candid.settings", "CANDID_CACHE_URL": redis_url}
    code = (
        "import json; from django.conf import settings as s; "
        "print(json.dumps({'CACHES': s.CACHES, 'SESSION_ENGINE': s.SESSION_ENGINE}))"
    )
    done = subprocess.run(  # noqa: S603 (our own interpreter, fixed arguments)
        [sys.executable, "-c", code],
        env=env,
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


@pytest.fixture
def on_redis(settings, redis_settings, redis_url):
    """This test's caches and sessions on the shared Redis, emptied before and after."""
    settings.CACHES = redis_settings["CACHES"]
    settings.SESSION_ENGINE = redis_settings["SESSION_ENGINE"]
    redis.Redis.from_url(redis_url).flushdb()
    yield redis.Redis.from_url(redis_url)
    redis.Redis.from_url(redis_url).flushdb()
    caches.close_all()

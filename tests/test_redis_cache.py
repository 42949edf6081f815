"""The shared cache (`CANDID_CACHE_URL=redis://…`) against a real redis-server: the cache,
the rate-limit counts and the sessions live in Redis, counts are exact under concurrent
threads, a refused request carries Retry-After, a revoked session is gone from Redis too,
and a Redis that lost its data signs nobody out."""

import os
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client, RequestFactory

from accounts.models import SessionRecord
from core.pagecache import GENERATION_KEY, content_generation
from tests.ratelimit_support import seconds_left
from web.ratelimits import seconds_to_wait

ROOT = Path(__file__).resolve().parent.parent
HOUR = 3600
PASSWORD = "correct horse battery"
REDIS = "django.core.cache.backends.redis.RedisCache"


def manage_py_check(**env) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 (our own interpreter, fixed arguments)
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
    )


def test_a_redis_url_puts_cache_rate_limits_and_sessions_in_redis(redis_settings, redis_url):
    cache_settings = redis_settings["CACHES"]
    assert {alias: c["BACKEND"] for alias, c in cache_settings.items()} == {
        "default": REDIS,
        "ratelimit": REDIS,
    }
    assert {c["LOCATION"] for c in cache_settings.values()} == {redis_url}
    assert redis_settings["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"


def test_manage_py_check_passes_on_redis(redis_url):
    done = manage_py_check(CANDID_CACHE_URL=redis_url)
    assert done.returncode == 0, done.stderr
    assert "ratelimit" not in done.stdout + done.stderr


@pytest.mark.parametrize("url", ["memcached://127.0.0.1:11211", "127.0.0.1:6379"])
def test_a_cache_url_that_is_not_redis_refuses_to_start(url):
    done = manage_py_check(CANDID_CACHE_URL=url)
    assert done.returncode != 0
    assert (
        f"CANDID_CACHE_URL must be a Redis URL (redis://, rediss:// or unix://), not {url!r}"
        in (done.stderr)
    )


@pytest.fixture
def frozen(time_machine):
    """No count straddles two of django-ratelimit's fixed windows."""
    time_machine.move_to(datetime.now(UTC), tick=False)


@pytest.fixture
def limited(on_redis, settings, frozen):
    settings.RATELIMIT_ENABLE = True
    settings.LOGIN_RATE = "3/h"
    return on_redis


def test_the_rate_limit_counts_in_redis_and_the_429_says_when_to_retry(limited, alice):
    address = "203.0.113.44"
    wrong = {"username": "alice", "password": "wrong"}
    client = Client(REMOTE_ADDR=address)
    assert [client.post("/accounts/login/", wrong).status_code for _ in range(3)] == [200] * 3
    refused = client.post("/accounts/login/", wrong)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) == seconds_left(address, "3/h")
    counters = [k for k in limited.scan_iter("candid-ratelimit:*")]
    assert counters and sorted(int(limited.get(k)) for k in counters)[-1] == 4
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM candid_ratelimit")
        assert cursor.fetchone()[0] == 0  # nothing counted in the database


def test_concurrent_threads_count_exactly_on_redis(on_redis, settings, frozen):
    settings.RATELIMIT_ENABLE = True
    settings.CANDID_TRAINER_RATE = "25/h"
    address = "203.0.113.45"
    threads, each = 10, 8
    start = threading.Barrier(threads)

    def hammer(_index: int) -> list[int]:
        request = RequestFactory().get("/", REMOTE_ADDR=address)
        start.wait()
        return [seconds_to_wait(request, "hammer", "CANDID_TRAINER_RATE") for _ in range(each)]

    with ThreadPoolExecutor(threads) as pool:
        waits = [w for batch in pool.map(hammer, range(threads)) for w in batch]
    assert waits.count(0) == 25
    assert all(1 <= w <= HOUR for w in waits if w)


def test_the_page_cache_generation_lives_in_redis(
    on_redis, upload, alice, django_capture_on_commit_callbacks
):
    before = content_generation()
    with django_capture_on_commit_callbacks(execute=True):
        upload(alice)  # a service write bumps the generation after commit
    assert content_generation() == before + 1
    stored = [k for k in on_redis.scan_iter("candid:*") if k.endswith(GENERATION_KEY.encode())]
    assert [int(on_redis.get(k)) for k in stored] == [before + 1]


def signed_in(user, agent: str) -> Client:
    client = Client(HTTP_USER_AGENT=agent)
    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def session_keys_in_redis(server) -> set[str]:
    prefix = "django.contrib.sessions.cached_db"
    return {k.decode().rsplit(prefix, 1)[1] for k in server.scan_iter(f"candid:*{prefix}*")}


def test_sessions_are_cached_in_redis_and_a_revoked_one_is_gone_from_it(on_redis, alice):
    laptop, phone = signed_in(alice, "Laptop"), signed_in(alice, "Phone")
    keys = {laptop.session.session_key, phone.session.session_key}
    assert session_keys_in_redis(on_redis) == keys
    record = SessionRecord.objects.get(user_agent="Phone")
    assert laptop.post(f"/settings/sessions/{record.pk}/revoke/").status_code == 302
    assert session_keys_in_redis(on_redis) == {laptop.session.session_key}
    assert phone.get("/settings/tokens/").status_code == 302  # signed out
    assert laptop.get("/settings/tokens/").status_code == 200


def test_a_redis_that_lost_its_data_signs_nobody_out(on_redis, alice):
    laptop = signed_in(alice, "Laptop")
    on_redis.flushdb()
    caches.close_all()
    assert laptop.get("/settings/tokens/").status_code == 200
    assert session_keys_in_redis(on_redis) == {laptop.session.session_key}  # cached again


def test_healthz_checks_the_shared_cache_and_names_it_when_redis_is_down(
    db, on_redis, settings, redis_settings, redis_url
):
    settings.CANDID_CACHE_URL = redis_url
    answer = Client().get("/healthz")
    assert answer.status_code == 200, answer.json()
    assert answer.json()["checks"]["cache"] == {"ok": True, "shared": True}
    caches.close_all()
    down = {alias: dict(cache) for alias, cache in redis_settings["CACHES"].items()}
    for cache in down.values():
        cache["LOCATION"] = "redis://127.0.0.1:9/0"  # the discard port: nothing answers
    settings.CACHES = down
    try:
        answer = Client().get("/healthz")
    finally:  # the fixtures' teardown clears the cache: give them the live Redis back
        caches.close_all()
        settings.CACHES = redis_settings["CACHES"]
    assert answer.status_code == 503
    assert "cache" in answer.json()["failed"]
    assert answer.json()["checks"]["cache"]["error"] == "ConnectionError"

"""`GET /healthz` for load balancers and monitors: is this process able to serve?

Checks the database (a query), the media storage (writes, reads back and deletes a tiny
file, so a full disk or a revoked S3 key shows), the cache (Redis with CANDID_CACHE_URL:
sessions, rate limits and the page cache live there) and the task worker (core.worker). Answers
200 when all pass, else 503; the JSON body names each check and which failed, never the
error text (it may name hosts or keys), only its class."""

import secrets
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core.worker import worker_status

PROBE = b"candid health probe"


def _database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {"ok": True}


def _storage() -> dict:
    """Under healthz/, a folder `media_check` does not look at."""
    name = default_storage.save(f"healthz/{secrets.token_hex(8)}", ContentFile(PROBE))
    try:
        with default_storage.open(name, "rb") as stored:
            read = stored.read()
    finally:
        default_storage.delete(name)
    return {"ok": read == PROBE}


def _cache() -> dict:
    key = f"candid:healthz:{secrets.token_hex(8)}"
    cache.set(key, PROBE, timeout=10)
    try:
        read = cache.get(key)
    finally:
        cache.delete(key)
    return {"ok": read == PROBE, "shared": bool(settings.CANDID_CACHE_URL)}


def _worker() -> dict:
    status = worker_status()
    answer = {"ok": status.ok, "mode": status.mode}
    if status.mode == "database":
        answer["last_seen"] = status.last_seen.isoformat() if status.last_seen else None
        answer["waiting_seconds"] = round(status.waiting_seconds, 1)
    return answer


CHECKS: dict[str, Callable[[], dict]] = {
    "database": _database,
    "storage": _storage,
    "cache": _cache,
    "worker": _worker,
}


def _run(check: Callable[[], dict]) -> dict:
    try:
        return check()
    except Exception as error:  # any failure of a dependency is the answer
        return {"ok": False, "error": type(error).__name__}


@never_cache
@require_safe
def healthz(request):
    checks = {name: _run(check) for name, check in CHECKS.items()}
    failed = [name for name, result in checks.items() if not result["ok"]]
    body = {"status": "failed" if failed else "ok", "failed": failed, "checks": checks}
    return JsonResponse(body, status=503 if failed else 200)

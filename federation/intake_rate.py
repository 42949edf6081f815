"""How many activities one remote server may have stored here (issue #19: "rate bounded
per remote server"): a token bucket per server in each web process, filled at
CANDID_FEDERATION_INBOX_RATE ("3000/m": a burst of that many, then that pace). Over it,
intake answers 429 with Retry-After, which Mastodon and Pixelfed deliver again later.

Counted after the signature is verified, so a stranger cannot spend a real server's
budget by sending in its name. Kept in the process (a shared counter would cost a round
trip per activity, more than the rest of intake): with N web processes a server may send
up to N times the rate."""

import functools
import threading
import time
from urllib.parse import urlsplit

from django.conf import settings

PERIODS = {"s": 1, "m": 60, "h": 3600}
MAX_SERVERS = 10_000

_lock = threading.Lock()
_buckets: dict[str, tuple[float, float]] = {}  # server -> (tokens, at)


def rate_wait(actor_uri: str) -> float:
    """0 if the actor's server (its host and port) may have one more activity stored now,
    and it is counted; else the seconds until it may."""
    if not settings.RATELIMIT_ENABLE:
        return 0.0
    server = urlsplit(actor_uri).netloc.lower()
    capacity, per_second = _rate(settings.CANDID_FEDERATION_INBOX_RATE)
    now = time.monotonic()
    with _lock:
        tokens, at = _buckets.get(server, (capacity, now))
        tokens = min(capacity, tokens + (now - at) * per_second)
        if tokens < 1:
            _buckets[server] = (tokens, now)
            return (1 - tokens) / per_second
        if len(_buckets) >= MAX_SERVERS and server not in _buckets:
            _buckets.clear()  # a fresh start for all beats growing without bound
        _buckets[server] = (tokens - 1, now)
        return 0.0


@functools.cache
def _rate(rate: str) -> tuple[float, float]:
    """The burst and the pace per second of a rate written "N/s", "N/m" or "N/h"."""
    count, _, unit = rate.partition("/")
    return float(count), float(count) / PERIODS[unit.strip()]


def forget() -> None:
    with _lock:
        _buckets.clear()

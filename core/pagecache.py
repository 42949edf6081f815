"""A generation counter for cached public pages. Every service write (every event) bumps
it after commit, so a cached anonymous page never outlives the change that made it stale
in this process; other processes sharing a cache see the bump too, and with per-process
caches the short time-to-live bounds staleness. The counter itself never expires: were it
to restart at 0, a page cached for longer than the cache's default timeout under an old
generation could be served again."""

from django.core.cache import cache

GENERATION_KEY = "candid:content-generation"


def content_generation() -> int:
    return cache.get_or_set(GENERATION_KEY, 0, timeout=None)


def content_changed() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, timeout=None)

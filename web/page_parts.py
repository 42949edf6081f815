"""A page's shared parts in one cache entry: one read and one unpickle per request.

The profile used to read three `{% cache %}` blocks and the photo page six cache entries
(bench/README.md, "Signed-in pages"); each is a cache round trip and an unpickle, which
on a warm page cost more than the rest of the view. Now the view asks for one dict of
rendered parts (safe HTML strings) under the page's key, renders them all on a miss, and
the page template places them between its per-viewer bits (forms with CSRF tokens,
follow and favourite state), which are never cached.

What decides a key and who may share an entry is the caller's: web/grid_cache.py
(profiles) and web/photo_parts.py (the photo page).
"""

from collections.abc import Callable

from django.core.cache import cache
from django.template.loader import render_to_string

PART_SECONDS = 300


def cached_parts(cache_key: str, build: Callable[[], dict]) -> dict:
    """The entry under the key, built and stored on a miss."""
    parts = cache.get(cache_key)
    if parts is None:
        parts = build()
        cache.set(cache_key, parts, PART_SECONDS)
    return parts


def render_parts(templates: dict[str, str], context: dict, request=None) -> dict[str, str]:
    """Each named part rendered from its template with the same context."""
    return {
        name: render_to_string(template, context, request) for name, template in templates.items()
    }

"""Whole-page caching of public pages for visitors who are not signed in.

Anonymous visitors all see the same explore page, photo pages, profiles, tags and albums,
so those answers are cached for a few seconds (CANDID_ANON_PAGE_SECONDS) and keyed by the
content generation (core.pagecache), the viewer's country (withholding decisions), the
language and the full path. A page is stored only when it is a plain 200 that set no cookie
and used no CSRF token; signed-in requests (session cookie present) are never cached.
A member's "do not index" choice (X-Robots-Tag) is kept with the page, and changing it is
an event, so the next view after the change is built afresh with the new header.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import translation

from core.geo import viewer_country
from core.pagecache import content_generation

CACHEABLE = {"home", "explore", "photo", "profile", "tag", "album", "search", "favourites"}
KEPT_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Cache-Control",
    "Vary",
    # A photo page's reservation signals (consent.signals_http.consent_headers).
    "tdm-reservation",
    "tdm-policy",
    "X-Robots-Tag",
    "Content-Usage",
)


class AnonymousPageCache:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = self._key(request)
        if key is None:
            return self.get_response(request)
        hit = cache.get(key)
        if hit is not None:
            return _rebuild(hit)
        response = self.get_response(request)
        if _storable(request, response):
            headers = {h: response[h] for h in KEPT_HEADERS if h in response}
            cache.set(
                key,
                (response.status_code, headers, response.content),
                settings.CANDID_ANON_PAGE_SECONDS,
            )
        return response

    def _key(self, request) -> str | None:
        if (
            settings.CANDID_ANON_PAGE_SECONDS <= 0
            or request.method not in ("GET", "HEAD")
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or "messages" in request.COOKIES
        ):
            return None
        try:
            if resolve(request.path_info).url_name not in CACHEABLE:
                return None
        except Resolver404:
            return None
        language = translation.get_language()
        raw = (
            f"{content_generation()}|{viewer_country(request)}|{language}|{request.get_full_path()}"
        )
        return "candid:page:" + hashlib.sha256(raw.encode()).hexdigest()


def _storable(request, response) -> bool:
    """Messages added by the view would set a cookie, so the cookie check covers them."""
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )


def _rebuild(hit) -> HttpResponse:
    status, headers, body = hit
    response = HttpResponse(body, status=status)
    for name, value in headers.items():
        response[name] = value
    return response

"""Shared pieces of Candid's open-web answers: absolute links and the member's robots choice.

Absolute links are built from SITE_URL, not from the request's Host header: they go into
pages the anonymous page cache shares between requests (web/middleware.py) and into
previews, feeds and sitemaps kept by other sites.
"""

from django.conf import settings

NOINDEX = "noindex"


def absolute_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def robots_header(response, member):
    """`X-Robots-Tag: noindex` on a page of a member who asked search engines not to index
    their photos and profile (the page's `<meta name="robots">` says the same)."""
    if member is not None and member.search_noindex:
        others = response.headers.get("X-Robots-Tag")  # a rendition's "noai, noimageai"
        response["X-Robots-Tag"] = f"{NOINDEX}, {others}" if others else NOINDEX
    return response

"""Shared pieces of Candid's open-web answers: absolute links and the member's robots choice.

Absolute links are built from SITE_URL, not from the request's Host header: they go into
pages the anonymous page cache shares between requests (web/middleware.py) and into
previews, feeds and sitemaps kept by other sites.
"""

from functools import wraps

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


def robots_for(request, member) -> None:
    """Names the member whose page this is, for `robots_choice`."""
    request.robots_member = member


def robots_choice(view):
    """Adds the robots choice of the member the view named (`robots_for`) once the view
    is done, so it joins any X-Robots-Tag the view set itself (consent's noai signals)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        return robots_header(response, getattr(request, "robots_member", None))

    return wrapped

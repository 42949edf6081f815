"""The home feed of a member who follows accounts on other servers: their photos here and
those accounts' posts in one list by time (federation.feed.feed_page, keyset-paged on both
sources by its own signed cursor, `after`). Members who follow nobody elsewhere keep the
plain, cached photo feed (web.views.feed.home)."""

from django.core.exceptions import BadRequest
from django.shortcuts import render

from core.geo import viewer_country
from core.keyset import CursorError
from federation.domains import media_rejected_among
from federation.feed import feed_page, feed_photos
from web.keyset_pagination import PER_PAGE


def federated_home(request):
    photos = feed_photos(request.user, country=viewer_country(request))
    try:
        page = feed_page(
            request.user, photos=photos, cursor=request.GET.get("after"), size=PER_PAGE
        )
    except CursorError as error:
        raise BadRequest(error.message) from None
    context = {
        "runs": _runs(page.items),
        "next_cursor": page.next_cursor,
        "media_rejected": _media_rejected(page.items),
    }
    return render(request, "feed/home_federated.html", context)


def _media_rejected(items) -> set[str]:
    """Servers whose images the instance does not show (DomainBlock `reject_media`): their
    posts keep their text and link; one query, only for a page with remote posts."""
    domains = {item.post.author.domain for item in items if item.post is not None}
    if not domains:
        return set()
    return media_rejected_among(domains)


def _runs(items) -> list[dict]:
    """Photos next to each other in one grid, each remote post on its own."""
    runs: list[dict] = []
    for item in items:
        if item.post is not None:
            runs.append({"post": item.post})
        elif runs and "photos" in runs[-1]:
            runs[-1]["photos"].append(item.photo)
        else:
            runs.append({"photos": [item.photo]})
    return runs

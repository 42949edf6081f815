"""`GET /photos?q=`: the photos search of photos.search, as an API page.

Ranked by relevance then recency, at most PHOTO_CANDIDATES results; pages by `cursor`
(the `next_cursor` of the page before; the `next` link carries it) or, for older clients,
by `offset` within those results. Like every list (api/pagination.py) it gives no total:
the search never counts the whole table."""

from django.http import HttpRequest

from api.lookups import presentable
from api.schemas.photos import present_photo
from photos.search import photo_search_ranked, ranked_page, search_terms


def photo_search_page(
    request: HttpRequest, viewer, query: str, *, limit: int, offset: int, **filters
) -> dict:
    ranked = photo_search_ranked(search_terms(query), viewer, **filters)
    page = ranked_page(
        ranked,
        after=request.GET.get("cursor"),
        offset=offset,
        limit=limit,
        prepare=lambda photos: presentable(photos, viewer),
    )
    return {
        "limit": limit,
        "offset": offset,
        "next": _next_url(request, page.next_cursor) if page.next_cursor else None,
        "next_cursor": page.next_cursor,
        "items": [present_photo(request, photo) for photo in page.items],
    }


def _next_url(request: HttpRequest, cursor: str) -> str:
    query = request.GET.copy()
    query.pop("offset", None)
    query["cursor"] = cursor
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

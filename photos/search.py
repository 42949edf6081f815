"""Search: photos, people and tags, for the search page and the API alike.

Cost does not grow with the community: the photos considered are the newest
`PHOTO_CANDIDATES` visible matches (found through the full-text index; see
photos/search_schema.py), ranked by relevance then recency, and paged by a keyset on
(rank, created, id) — no COUNT(*) over the table, no OFFSET scan of it. People and tags
are bounded the same way. Visibility is `photos_visible_to`'s, and demoted photos are
left out, as on explore."""

import base64
import binascii
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Length
from django.utils import timezone

from accounts.models import User
from photos.models import Photo, Tag
from photos.search_match import (
    SearchRefused,
    person_match,
    photo_match,
    photo_rank,
    search_terms,
)
from photos.selectors import photos_filtered, photos_visible_to

PHOTO_CANDIDATES = 500
PEOPLE_SHOWN = 8
TAGS_SHOWN = 12
_NAME_CANDIDATES = 200

__all__ = [
    "PHOTO_CANDIDATES",
    "PhotoResults",
    "SearchPage",
    "SearchRefused",
    "people_search",
    "photo_search",
    "photo_search_ranked",
    "ranked_page",
    "search_everything",
    "search_terms",
    "tag_search",
]


@dataclass
class PhotoResults:
    items: list[Photo]
    next_cursor: str | None


def photo_search_ranked(
    terms: list[str],
    viewer,
    *,
    country: str = "",
    owner=None,
    tag: str | None = None,
    candidates: int = PHOTO_CANDIDATES,
) -> QuerySet[Photo]:
    """The newest `candidates` matches the viewer may see, ranked: relevance, then newest
    first. Annotated with `search_rank`. No words: nothing."""
    if not terms:
        return Photo.objects.none()
    visible = photos_filtered(viewer, country=country, owner=owner, tag=tag)
    newest = (
        visible.filter(photo_match(terms), demoted=False)
        .order_by("-created_at", "-id")
        .values("pk")[:candidates]
    )
    return (
        Photo.objects.filter(pk__in=newest)
        .annotate(search_rank=photo_rank(terms))
        .order_by("-search_rank", "-created_at", "-id")
    )


def photo_search(
    query: str, viewer, *, country: str = "", after: str | None = None, limit: int = 30
) -> PhotoResults:
    """One page of results after the cursor `after` (from the previous page)."""
    ranked = photo_search_ranked(search_terms(query), viewer, country=country)
    return ranked_page(ranked.select_related("owner"), after=after, limit=limit)


def ranked_page(
    ranked: QuerySet[Photo], *, after: str | None = None, offset: int = 0, limit: int = 30
) -> PhotoResults:
    """`limit` rows of a `photo_search_ranked` list after the cursor `after`, or from
    `offset` (bounded: the list holds at most PHOTO_CANDIDATES rows)."""
    if after and offset:
        raise SearchRefused("Send either a cursor or an offset, not both.")
    if after:
        ranked = ranked.filter(_after(after))
    start = min(offset, PHOTO_CANDIDATES)
    rows = list(ranked[start : start + limit + 1])
    following = _cursor(rows[limit - 1]) if len(rows) > limit else None
    return PhotoResults(items=rows[:limit], next_cursor=following)


def _cursor(photo: Photo) -> str:
    key = f"{photo.search_rank!r}|{photo.created_at.isoformat()}|{photo.pk}"
    return base64.urlsafe_b64encode(key.encode()).decode().rstrip("=")


def _after(cursor: str) -> Q:
    """Rows ranked below the cursor's row. A cursor that does not decode is refused."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        rank, created, pk = base64.urlsafe_b64decode(padded).decode().split("|")
        rank_value, created_at, pk_value = float(rank), datetime.fromisoformat(created), int(pk)
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise SearchRefused("That page of results is not valid; search again.") from exc
    if created_at.tzinfo is None:
        raise SearchRefused("That page of results is not valid; search again.")
    same_rank = Q(search_rank=rank_value)
    return (
        Q(search_rank__lt=rank_value)
        | (same_rank & Q(created_at__lt=created_at))
        | (same_rank & Q(created_at=created_at, pk__lt=pk_value))
    )


def people_search(query: str, *, limit: int = PEOPLE_SHOWN) -> list[User]:
    """Members whose username or display name has every word (as a prefix on
    PostgreSQL). Deactivated, erased, terminated and suspended accounts are left out."""
    terms = search_terms(query)
    if not terms:
        return []
    candidates = (
        User.objects.filter(person_match(terms), is_active=True, terminated_at__isnull=True)
        .exclude(suspended_until__gt=timezone.now())
        .values("pk")[:_NAME_CANDIDATES]
    )
    return list(
        User.objects.filter(pk__in=candidates).order_by(Length("username"), "username")[:limit]
    )


def tag_search(query: str, viewer, *, country: str = "", limit: int = TAGS_SHOWN) -> list[Tag]:
    """Tags starting with one of the words, on at least one photo the viewer may see on
    the tag page (so a tag used only on private photos stays private)."""
    terms = search_terms(query)
    if not terms:
        return []
    starts = Q()
    for term in terms:
        starts |= Q(name__startswith=term)
    shown = photos_visible_to(viewer, country=country).filter(demoted=False, tags=OuterRef("pk"))
    candidates = Tag.objects.filter(starts).order_by("name").values("pk")[:_NAME_CANDIDATES]
    return list(
        Tag.objects.filter(Exists(shown), pk__in=candidates).order_by(Length("name"), "name")[
            :limit
        ]
    )


@dataclass
class SearchPage:
    photos: PhotoResults
    people: list[User]
    tags: list[Tag]


def search_everything(
    query: str, viewer, *, country: str = "", after: str | None = None
) -> SearchPage:
    """The search page: one page of photos, and on the first page the people and tags."""
    photos = photo_search(query, viewer, country=country, after=after)
    first = not after
    return SearchPage(
        photos=photos,
        people=people_search(query) if first else [],
        tags=tag_search(query, viewer, country=country) if first else [],
    )

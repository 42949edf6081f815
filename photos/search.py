"""Search: photos, people and tags, for the search page and the API alike.

Cost does not grow with the community: the photos considered are the newest
`PHOTO_CANDIDATES` visible matches (found through the full-text index; see
photos/search_schema.py), ranked by relevance then recency, and paged by a keyset on
(rank, created, id) — no COUNT(*) over the table, no OFFSET scan of it. People and tags
are bounded the same way. Visibility is `photos_visible_to`'s, and demoted photos are
left out, as on explore."""

import base64
import binascii
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.db.models import Exists, FloatField, Max, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from photos.models import Photo, Tag
from photos.search_match import (
    SearchRefused,
    person_match,
    photo_match,
    photo_rank,
    search_terms,
)
from photos.search_schema import BLOCK
from photos.selectors import photos_filtered, photos_visible_to

PHOTO_CANDIDATES = 500
PEOPLE_SHOWN = 8
TAGS_SHOWN = 12
_NAME_CANDIDATES = 200
INVALID_PAGE = gettext_lazy("That page of results is not valid; search again.")

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
    total: int = 0  # results of the search in all, at most PHOTO_CANDIDATES


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
        return Photo.objects.none().annotate(search_rank=Value(0.0, output_field=FloatField()))
    visible = photos_filtered(viewer, country=country, owner=owner, tag=tag)
    newest = _newest_matches(visible.filter(demoted=False), terms, candidates)
    return (
        Photo.objects.filter(pk__in=newest)
        .annotate(search_rank=photo_rank(terms))
        .order_by("-search_rank", "-created_at", "-id")
    )


def _newest_matches(visible: QuerySet[Photo], terms: list[str], candidates: int):
    """Ids of the newest `candidates` matches. On PostgreSQL, first among the newest id
    block (search_schema.BLOCK, found inside the index): a word found in many photos
    stops there, reading about `candidates` rows however large the site. Otherwise the
    block's share of matches says how many blocks should hold `candidates`: that many are
    read next, or, when all matches together should be few (a rare word), the whole index
    at once. The last step stays a subquery."""

    def newest(match) -> QuerySet:
        rows = visible.filter(match).order_by("-created_at", "-id")
        return rows.values_list("pk", flat=True)[:candidates]

    if connection.vendor == "postgresql":
        last = (Photo.objects.aggregate(top=Max("pk"))["top"] or 0) // BLOCK
        if last > 1:  # the newest block may hold a few rows only: start with two
            first = list(newest(photo_match(terms, range(last - 1, last + 1))))
            found = len(first)
            if found >= candidates:
                return first
            span = -(-candidates * 3 // found) if found else last + 1
            if found * (last + 1) > 4 * candidates and span <= last:
                wider = list(newest(photo_match(terms, range(last - span + 1, last + 1))))
                if len(wider) >= candidates:
                    return wider
    return newest(photo_match(terms))


def photo_search(
    query: str, viewer, *, country: str = "", after: str | None = None, limit: int = 30
) -> PhotoResults:
    """One page of results after the cursor `after` (from the previous page)."""
    ranked = photo_search_ranked(search_terms(query), viewer, country=country)
    return ranked_page(ranked, after=after, limit=limit)


def ranked_page(
    ranked: QuerySet[Photo],
    *,
    after: str | None = None,
    offset: int = 0,
    limit: int = 30,
    prepare: Callable[[QuerySet[Photo]], QuerySet[Photo]] | None = None,
) -> PhotoResults:
    """`limit` photos of a `photo_search_ranked` list after the cursor `after`, or from
    `offset`. Reads the keys of all its (at most PHOTO_CANDIDATES) rows, then the page's
    photos, through `prepare` when given (the API's prefetching)."""
    if after and offset:
        raise SearchRefused(_("Send either a cursor or an offset, not both."))
    keys = list(ranked.values_list("search_rank", "created_at", "pk"))
    total = len(keys)
    if after:
        cut = _decode(after)
        keys = [key for key in keys if key < cut]
    else:
        keys = keys[offset:]
    ids = [pk for _, _, pk in keys[:limit]]
    photos = Photo.objects.filter(pk__in=ids).select_related("owner")
    shown = {photo.pk: photo for photo in (prepare(photos) if prepare else photos)}
    following = _encode(keys[limit - 1]) if len(keys) > limit else None
    return PhotoResults([shown[pk] for pk in ids if pk in shown], following, total)


def _encode(key: tuple) -> str:
    rank, created_at, pk = key
    text = f"{rank!r}|{created_at.isoformat()}|{pk}"
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def _decode(cursor: str) -> tuple:
    """The (rank, created, id) key of the row the cursor points after; one that does not
    decode is refused."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        rank, created, pk = base64.urlsafe_b64decode(padded).decode().split("|")
        key = (float(rank), datetime.fromisoformat(created), int(pk))
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise SearchRefused(str(INVALID_PAGE)) from exc
    if key[1].tzinfo is None:
        raise SearchRefused(str(INVALID_PAGE))
    return key


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

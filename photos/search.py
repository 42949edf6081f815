"""Search: photos, people and tags, for the search page and the API alike.

Cost does not grow with the community: the photos considered are the newest
`PHOTO_CANDIDATES` visible matches that pass the filters (found through the full-text
index; see photos/search_schema.py), ordered by the chosen sort (photos/search_options.py:
relevance, newest, most favourited; each then newest), and paged by a keyset on (first
key, created, id) — no COUNT(*) over the table, no OFFSET scan of it. People and tags are
bounded the same way (the tags are those of the photos found). Visibility is
`photos_visible_to`'s, and demoted photos are left out, as on explore."""

import base64
import binascii
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.db import connection
from django.db.models import FloatField, Q, QuerySet, Value
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from photos import favourite_tally
from photos.models import Photo, Tag
from photos.search_match import (
    OnRow,
    SearchRefused,
    person_match,
    photo_match,
    photo_rank,
    search_terms,
    words_query,
)
from photos.search_options import SearchOptions
from photos.search_schema import BLOCK
from photos.selectors import photos_filtered

PHOTO_CANDIDATES = 500
WALKED_BLOCKS = 8
PEOPLE_SHOWN = 8
TAGS_SHOWN = 12
_NAME_CANDIDATES = 200
NO_OPTIONS = SearchOptions()
Key = tuple[float, datetime, int]  # a result's place in its order: first key, created, id
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
    found: list[int] = field(default_factory=list)  # their ids, on every page


def photo_search_ranked(
    terms: list[str],
    viewer,
    *,
    country: str = "",
    owner=None,
    tag: str | None = None,
    options: SearchOptions = NO_OPTIONS,
    candidates: int = PHOTO_CANDIDATES,
) -> list[Key]:
    """The newest `candidates` matches the viewer may see that pass the options' filters,
    as the keys (first key, created, id) of the options' order, first first: relevance
    (then newest), newest (first key 0), or most favourited (then newest). Each key is
    read with its row as the match is found (no second read per photo). No words:
    nothing."""
    if not terms:
        return []
    visible = photos_filtered(viewer, country=country, owner=owner, tag=tag)
    visible = visible.filter(options.photo_filter(), demoted=False)
    keyed = visible.annotate(search_rank=_first_key(options.sort, terms))
    if connection.vendor == "postgresql":
        found = _walk(keyed, terms, candidates)
    else:
        rows = keyed.filter(photo_match(terms)).order_by("-created_at", "-id")
        found = list(rows.values_list("search_rank", "created_at", "pk")[:candidates])
    return sorted(found, reverse=True)


def _first_key(sort: str, terms: list[str]):
    if sort == "newest":
        return Value(0.0, output_field=FloatField())
    if sort == "favourites":
        return OnRow(f"CAST({favourite_tally.FAVOURITES} AS DOUBLE PRECISION)", [], FloatField())
    return photo_rank(terms)


def _walk(keyed: QuerySet[Photo], terms: list[str], wanted: int) -> list[Key]:
    """The keys of the newest `wanted` matches, found one id block (search_schema.BLOCK)
    at a time, newest block first, for the `WALKED_BLOCKS` newest blocks, then in all older
    photos at once; the LIMIT stops the walk at the step that completes the answer. For
    each block GIN intersects the words' postings with that block's (the block lexeme is
    the rarest entry, so it leads and the words' postings are skipped through): a common
    word stops in the first block, two common words a few blocks later, reading rows in
    proportion to the answer, not to the site. A rare word finds little in the blocks and
    then all its matches in one step (it is then the rarest entry, and the step reads only
    its own postings). Before, one window of many blocks at once (an OR of block lexemes,
    each needed, so GIN read every posting of every block in it) and a second read of
    every candidate to rank it made two common words grow 4x from 10,000 to 300,000
    photos (bench/README.md). The last step takes every photo below the oldest walked
    block (it once started a block lower, and that block's matches were never found)."""
    rows = keyed.filter(photo_match(terms, walked="walk")).order_by("-created_at", "-id")
    rows = rows.values_list("search_rank", "created_at", "pk")[:wanted]
    sql, params = rows.query.sql_with_params()
    words, word_params = words_query(terms)
    walk = f"""
        WITH top AS (SELECT coalesce(max(id), 0) / {BLOCK} AS newest FROM photos_photo),
        words AS MATERIALIZED (SELECT {words} AS query)
        SELECT found.* FROM (
          SELECT words.query && quote_literal('#' || block)::tsquery AS query,
                 (block + 1) * {BLOCK} AS below, block AS step
          FROM top, words, generate_series(top.newest, greatest(top.newest - %s, 0), -1) AS block
          UNION ALL
          SELECT words.query, greatest(top.newest - %s, 0) * {BLOCK}, -1 FROM top, words
          ORDER BY step DESC
        ) AS walk CROSS JOIN LATERAL ({sql}) AS found LIMIT %s"""  # noqa: S608
    steps = WALKED_BLOCKS - 1
    with connection.cursor() as cursor:
        cursor.execute(walk, (*word_params, steps, steps, *params, wanted))
        names = [column.name for column in cursor.description]
        at = [names.index(name) for name in ("search_rank", "created_at", "pk")]
        return [tuple(row[i] for i in at) for row in cursor.fetchall()]


def photo_search(
    query: str,
    viewer,
    *,
    country: str = "",
    options: SearchOptions = NO_OPTIONS,
    after: str | None = None,
    limit: int = 30,
) -> PhotoResults:
    """One page of results after the cursor `after` (from the previous page)."""
    keys = photo_search_ranked(search_terms(query), viewer, country=country, options=options)
    return ranked_page(keys, after=after, limit=limit)


def ranked_page(
    keys: list[Key],
    *,
    after: str | None = None,
    offset: int = 0,
    limit: int = 30,
    prepare: Callable[[QuerySet[Photo]], QuerySet[Photo]] | None = None,
) -> PhotoResults:
    """`limit` photos of `photo_search_ranked`'s keys after the cursor `after`, or from
    `offset`: the page's photos are read, through `prepare` when given (the API's
    prefetching)."""
    if after and offset:
        raise SearchRefused(_("Send either a cursor or an offset, not both."))
    total, found = len(keys), [pk for _, _, pk in keys]
    if after:
        cut = _decode(after)
        keys = [key for key in keys if key < cut]
    else:
        keys = keys[offset:]
    ids = [pk for _, _, pk in keys[:limit]]
    photos = Photo.objects.filter(pk__in=ids).select_related("owner")
    shown = {photo.pk: photo for photo in (prepare(photos) if prepare else photos)}
    following = _encode(keys[limit - 1]) if len(keys) > limit else None
    return PhotoResults([shown[pk] for pk in ids if pk in shown], following, total, found)


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


def tag_search(
    query: str,
    viewer,
    *,
    country: str = "",
    limit: int = TAGS_SHOWN,
    among: list[int] | None = None,
) -> list[Tag]:
    """Tags starting with one of the words, found on the photos the same words find
    (`among`: their ids, when the caller has them already), so only on photos the viewer
    may see (a tag used only on private photos stays private), and bounded as the photo
    search is: at most PHOTO_CANDIDATES photos' tags are read. Checking each tag against
    all its photos instead cost up to seconds at 300,000 photos for a tag on photos the
    viewer may not see (every one of its uses was read)."""
    terms = search_terms(query)
    if not terms:
        return []
    if among is None:
        among = [pk for _, _, pk in photo_search_ranked(terms, viewer, country=country)]
    starts = Q()
    for term in terms:
        starts |= Q(name__startswith=term)
    used = Photo.tags.through.objects.filter(photo_id__in=among).values("tag_id")
    tags = Tag.objects.filter(starts, pk__in=used).order_by(Length("name"), "name")
    return list(tags[:limit])


@dataclass
class SearchPage:
    photos: PhotoResults
    people: list[User]
    tags: list[Tag]


def search_everything(
    query: str,
    viewer,
    *,
    country: str = "",
    options: SearchOptions = NO_OPTIONS,
    after: str | None = None,
) -> SearchPage:
    """The search page: one page of photos, and on the first page the people and the tags
    (of the photos found without the filters: a tag is not a photo's licence or camera)."""
    photos = photo_search(query, viewer, country=country, options=options, after=after)
    if after:
        return SearchPage(photos=photos, people=[], tags=[])
    among = None if options.filtered else photos.found
    return SearchPage(
        photos=photos,
        people=people_search(query),
        tags=tag_search(query, viewer, country=country, among=among),
    )

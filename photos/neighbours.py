"""The photos before and after one photo in the list the viewer came from: a photostream,
a tag, explore, the feed (newest first), an album (in its order), a member's favourites
(newest favourite first) or a search (ranked).

Each neighbour is found by a keyset ("seek") query on the list's own order from the
photo's key, through the same visibility selector that builds the list, so a photo the
viewer may not see is skipped as the list skips it. No offset, no count: one indexed row
read for each side, whatever the size of the community (a search reads the keys of its
at most PHOTO_CANDIDATES ranked matches, as its pages do).
"""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from photos.models import Album, AlbumPhoto, Photo
from photos.search import photo_search_ranked, search_terms
from photos.selectors import photos_visible_to
from social.models import Favourite

NEWEST_FIRST = ("created_at", "id")


@dataclass(frozen=True)
class Neighbours:
    """`previous` comes before the photo in the list's order (on a newest-first list, the
    newer one), `next` after it; None at either end."""

    previous: Photo | None = None
    next: Photo | None = None


NONE = Neighbours()


def neighbours_newest_first(rows: QuerySet[Photo], photo: Photo) -> Neighbours:
    """Around `photo` in `rows` (a visible list, newest first), if `photo` is one of them."""
    if not rows.filter(pk=photo.pk).exists():
        return NONE
    return _around(rows, Q(), NEWEST_FIRST, (photo.created_at, photo.pk), descending=True)


def neighbours_in_album(album: Album, photo: Photo, viewer, *, country: str = "") -> Neighbours:
    """Around `photo` in the album's order, among the album's photos the viewer may see."""
    entry = AlbumPhoto.objects.filter(album=album, photo=photo).values_list("position").first()
    if entry is None:
        return NONE
    rows = photos_visible_to(viewer, country=country)
    within = Q(album_entries__album=album)
    columns = ("album_entries__position", "id")
    return _around(rows, within, columns, (entry[0], photo.pk), descending=False)


def neighbours_in_favourites(member, photo: Photo, viewer, *, country: str = "") -> Neighbours:
    """Around `photo` in `member`'s favourites (newest favourite first), as far as the
    viewer may see them."""
    favourite = Favourite.objects.filter(user=member, photo=photo).values_list("created_at", "pk")
    key = favourite.first()
    if key is None:
        return NONE
    rows = photos_visible_to(viewer, country=country)
    within = Q(favourites__user=member)
    columns = ("favourites__created_at", "favourites__id")
    return _around(rows, within, columns, key, descending=True)


def neighbours_in_search(query: str, photo: Photo, viewer, *, country: str = "") -> Neighbours:
    """Around `photo` among a search's ranked results (relevance, then newest)."""
    ranked = photo_search_ranked(search_terms(query), viewer, country=country)
    ids = [photo_id for _first, _created, photo_id in ranked]
    if photo.pk not in ids:
        return NONE
    at = ids.index(photo.pk)
    wanted = {ids[i] for i in (at - 1, at + 1) if 0 <= i < len(ids)}
    found = Photo.objects.in_bulk(wanted)
    return Neighbours(
        previous=found.get(ids[at - 1]) if at else None,
        next=found.get(ids[at + 1]) if at + 1 < len(ids) else None,
    )


def _around(rows, within: Q, columns: tuple, key: tuple, *, descending: bool) -> Neighbours:
    return Neighbours(
        previous=_seek(rows, within, columns, key, descending=not descending),
        next=_seek(rows, within, columns, key, descending=descending),
    )


def _seek(rows, within: Q, columns: tuple, key: tuple, *, descending: bool) -> Photo | None:
    """The first row after `key` going the given way along `columns`. The list's own
    condition and the seek are one filter, so both speak of the same album entry or
    favourite (a second filter would join another)."""
    operator = "lt" if descending else "gt"
    after = Q()
    for i, column in enumerate(columns):
        equal = dict(zip(columns[:i], key[:i], strict=True))
        after |= Q(**equal, **{f"{column}__{operator}": key[i]})
    order = [f"-{column}" if descending else column for column in columns]
    return rows.filter(within & after).order_by(*order).first()

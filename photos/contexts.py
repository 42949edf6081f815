"""The list a photo was opened from, named by a short text (the `in` of photo page URLs
and of the API's neighbours endpoint):

    user:<username>   the member's photostream      album:<id>   an album
    tag:<name>        a tag's page                  explore      explore
    feed              the viewer's own feed         fav:<username>  a member's favourites
    search:<words>    a search's photo results

`photo_list_named` resolves the text for one viewer into the list's subject and a way to
find a photo's neighbours in it (photos/neighbours.py: the list's own visibility selector
and order). Both interfaces use it: web/photo_context.py adds the list's name and page,
the API answers the neighbours' ids. A text that names no list the viewer may see (a
deleted album, a misspelt name) resolves to None.
"""

from collections.abc import Callable
from dataclasses import dataclass

from accounts.selectors import user_by_username
from photos.models import Photo
from photos.neighbours import (
    Neighbours,
    neighbours_in_album,
    neighbours_in_favourites,
    neighbours_in_search,
    neighbours_newest_first,
)
from photos.selectors import albums_visible_to, explore_photos, photos_by, photos_tagged
from social.selectors import feed_for

MAX_LENGTH = 200
KINDS = ("user", "album", "tag", "explore", "feed", "fav", "search")


@dataclass(frozen=True)
class PhotoList:
    token: str  # the text naming the list, as given
    kind: str  # one of KINDS
    subject: object  # the member, album, tag name or search words; None for explore, feed
    around: Callable[[Photo], Neighbours]


def photo_list_named(token: str, viewer, *, country: str = "") -> PhotoList | None:
    """The list `token` names, as `viewer` may see it, or None."""
    token = token[:MAX_LENGTH]
    kind, _sep, value = token.partition(":")
    build = _KINDS.get(kind)
    if build is None:
        return None
    found = build(value, viewer, country)
    if found is None:
        return None
    subject, around = found
    return PhotoList(token, kind, subject, around)


def _user(username, viewer, country):
    member = user_by_username(username)
    if member is None:
        return None
    rows = photos_by(member, viewer, country=country)
    return member, lambda photo: neighbours_newest_first(rows, photo)


def _album(value, viewer, country):
    if not value.isdigit() or len(value) > 18:
        return None
    album = albums_visible_to(viewer).filter(pk=int(value)).first()
    if album is None:
        return None
    return album, lambda photo: neighbours_in_album(album, photo, viewer, country=country)


def _tag(name, viewer, country):
    if not name:
        return None
    rows = photos_tagged(name, viewer, country=country)
    return name, lambda photo: neighbours_newest_first(rows, photo)


def _explore(value, viewer, country):
    rows = explore_photos(viewer, country=country)
    return None, lambda photo: neighbours_newest_first(rows, photo)


def _feed(value, viewer, country):
    if not viewer.is_authenticated:
        return None
    rows = feed_for(viewer, country=country)
    return None, lambda photo: neighbours_newest_first(rows, photo)


def _favourites(username, viewer, country):
    member = user_by_username(username)
    if member is None:
        return None
    return member, lambda photo: neighbours_in_favourites(member, photo, viewer, country=country)


def _search(query, viewer, country):
    if not query.strip():
        return None
    return query, lambda photo: neighbours_in_search(query, photo, viewer, country=country)


_KINDS = {
    "user": _user,
    "album": _album,
    "tag": _tag,
    "explore": _explore,
    "feed": _feed,
    "fav": _favourites,
    "search": _search,
}

"""The list a photo page was opened from, carried in its URL as `?in=`:

    user:<username>   the member's photostream      album:<id>   an album
    tag:<name>        a tag's page                  explore      explore
    feed              the viewer's own feed         fav:<username>  a member's favourites
    search:<words>    a search's photo results

Grid cards link to their photo with their list's `in`; the photo page and its large view
then offer the previous and next photo of that list (photos/neighbours.py: the list's own
visibility selector and order) and a way back to it. A value that names no list the
viewer may see (a deleted album, a misspelt name) leaves the page as it is without one:
an old link still opens the photo.
"""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.selectors import user_by_username
from core.geo import viewer_country
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


@dataclass(frozen=True)
class PhotoContext:
    token: str  # the `in` value, as the grid gave it
    label: str  # the list's name, for the link back to it
    url: str  # the list's page
    around: Callable[[Photo], Neighbours]


def photo_context(request) -> PhotoContext | None:
    """The list named by the request's `in`, or None."""
    token = request.GET.get("in", "")[:MAX_LENGTH]
    kind, _sep, value = token.partition(":")
    build = _KINDS.get(kind)
    if build is None:
        return None
    return build(request, token, value, viewer_country(request))


def in_query(context: PhotoContext | None) -> str:
    """`?in=…` for links that stay in the context, or ''."""
    return f"?in={quote(context.token, safe=':')}" if context else ""


def photo_links(context: PhotoContext | None, photo: Photo, *, large: bool = False) -> dict:
    """The previous, next and back links of the photo page, or of its large view (whose
    neighbours open large too, and whose way back is the photo page), None where there
    is none."""
    neighbours = context.around(photo) if context else Neighbours()
    query = in_query(context)
    view = "photo_large" if large else "photo"
    if large:
        back_url, back_label = f"{reverse('photo', args=[photo.pk])}{query}", _("Close")
    elif context:
        back_url, back_label = context.url, _("Back to %(list)s") % {"list": context.label}
    else:
        back_url, back_label = None, ""
    return {
        "in_query": query,
        "back_url": back_url,
        "back_label": back_label,
        "previous_url": _url(view, neighbours.previous, query),
        "next_url": _url(view, neighbours.next, query),
    }


def _url(view: str, photo: Photo | None, query: str) -> str | None:
    return f"{reverse(view, args=[photo.pk])}{query}" if photo else None


def _user(request, token, username, country):
    member = user_by_username(username)
    if member is None:
        return None
    rows = photos_by(member, request.user, country=country)
    return PhotoContext(
        token,
        _("Photos by %(name)s") % {"name": member.name},
        reverse("profile", args=[member.username]),
        lambda photo: neighbours_newest_first(rows, photo),
    )


def _album(request, token, value, country):
    if not value.isdigit() or len(value) > 18:
        return None
    album = albums_visible_to(request.user).filter(pk=int(value)).first()
    if album is None:
        return None
    return PhotoContext(
        token,
        _("Album “%(title)s”") % {"title": album.title},
        reverse("album", args=[album.pk]),
        lambda photo: neighbours_in_album(album, photo, request.user, country=country),
    )


def _tag(request, token, name, country):
    if not name:
        return None
    rows = photos_tagged(name, request.user, country=country)
    return PhotoContext(
        token, f"#{name}", reverse("tag", args=[name]), lambda p: neighbours_newest_first(rows, p)
    )


def _explore(request, token, value, country):
    rows = explore_photos(request.user, country=country)
    return PhotoContext(
        token, _("Explore"), reverse("explore"), lambda p: neighbours_newest_first(rows, p)
    )


def _feed(request, token, value, country):
    if not request.user.is_authenticated:
        return None
    rows = feed_for(request.user, country=country)
    return PhotoContext(
        token, _("Your feed"), reverse("home"), lambda p: neighbours_newest_first(rows, p)
    )


def _favourites(request, token, username, country):
    member = user_by_username(username)
    if member is None:
        return None
    return PhotoContext(
        token,
        _("Favourites of %(name)s") % {"name": member.name},
        reverse("favourites", args=[member.username]),
        lambda photo: neighbours_in_favourites(member, photo, request.user, country=country),
    )


def _search(request, token, query, country):
    if not query.strip():
        return None
    return PhotoContext(
        token,
        _("Search “%(query)s”") % {"query": query},
        f"{reverse('search')}?q={quote(query)}",
        lambda photo: neighbours_in_search(query, photo, request.user, country=country),
    )


_KINDS = {
    "user": _user,
    "album": _album,
    "tag": _tag,
    "explore": _explore,
    "feed": _feed,
    "fav": _favourites,
    "search": _search,
}

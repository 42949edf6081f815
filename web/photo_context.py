"""The list a photo page was opened from, carried in its URL as `?in=` (the names are
photos/contexts.py's: `user:<username>`, `album:<id>`, `tag:<name>`, `explore`, `feed`,
`fav:<username>`, `search:<words>`).

Grid cards link to their photo with their list's `in`; the photo page and its large view
then offer the previous and next photo of that list (photos/contexts.py resolves the list
for the viewer, photos/neighbours.py walks it) and a way back to it, which this module
names and links. A value that names no list the viewer may see (a deleted album, a
misspelt name) leaves the page as it is without one: an old link still opens the photo.
"""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from django.urls import reverse
from django.utils.translation import gettext as _

from core.geo import viewer_country
from photos.contexts import PhotoList, photo_list_named
from photos.models import Photo
from photos.neighbours import Neighbours


@dataclass(frozen=True)
class PhotoContext:
    token: str  # the `in` value, as the grid gave it
    label: str  # the list's name, for the link back to it
    url: str  # the list's page
    around: Callable[[Photo], Neighbours]


def photo_context(request) -> PhotoContext | None:
    """The list named by the request's `in`, or None."""
    found = photo_list_named(
        request.GET.get("in", ""), request.user, country=viewer_country(request)
    )
    if found is None:
        return None
    label, url = _NAMED[found.kind](found)
    return PhotoContext(found.token, label, url, found.around)


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


def _user(found: PhotoList) -> tuple[str, str]:
    member = found.subject
    return _("Photos by %(name)s") % {"name": member.name}, reverse(
        "profile", args=[member.username]
    )


def _album(found: PhotoList) -> tuple[str, str]:
    album = found.subject
    return _("Album “%(title)s”") % {"title": album.title}, reverse("album", args=[album.pk])


def _tag(found: PhotoList) -> tuple[str, str]:
    return f"#{found.subject}", reverse("tag", args=[found.subject])


def _explore(found: PhotoList) -> tuple[str, str]:
    return _("Explore"), reverse("explore")


def _feed(found: PhotoList) -> tuple[str, str]:
    return _("Your feed"), reverse("home")


def _favourites(found: PhotoList) -> tuple[str, str]:
    member = found.subject
    label = _("Favourites of %(name)s") % {"name": member.name}
    return label, reverse("favourites", args=[member.username])


def _search(found: PhotoList) -> tuple[str, str]:
    query = found.subject
    return _("Search “%(query)s”") % {"query": query}, f"{reverse('search')}?q={quote(query)}"


_NAMED = {
    "user": _user,
    "album": _album,
    "tag": _tag,
    "explore": _explore,
    "feed": _feed,
    "fav": _favourites,
    "search": _search,
}

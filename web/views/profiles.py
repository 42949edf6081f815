"""Profiles: a member's photos and albums (as far as the viewer may see them), follows,
favourites and avatars."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.selectors import user_by_id, user_by_username
from core.errors import ServiceError
from core.geo import viewer_country
from photos.open_web import first_open
from photos.selectors import albums_visible_to, photo_count, photos_by
from social.audience_selectors import relation as viewer_relation
from social.models import FollowRequest
from social.selectors import favourites_of, member_with_follow_counts
from social.services import follow_create, follow_delete
from web.grid_cache import grid_key, lazy, profile_viewer
from web.keyset_pagination import old_page_links, paged
from web.open_web import robots_header
from web.page_parts import PART_SECONDS, render_parts

# The profile's shared parts, rendered per visibility class (web/grid_cache.py): the
# member's header, counts, albums, the photo grid and its paging links. One cache entry
# per page and version holds the member's row and each class's parts (at most four:
# owner, follower, blocked, other), so a warm profile is one cache read
# (web/page_parts.py); the viewer's own bits (follows, requested, blocked, muted) are
# one plain-SQL statement (social.audience_selectors.relation).
PROFILE_PARTS = {
    "head": "profiles/_head.html",
    "info": "profiles/_info.html",
    "albums": "profiles/_albums.html",
    "grid": "profiles/_grid.html",
    "open_graph": "openweb/_profile_open_graph.html",
}


def _member(username: str):
    member = user_by_username(username)
    if member is None:
        raise Http404(_("No such member."))
    return member


@require_GET
@old_page_links
def profile(request, username: str):
    key = f"candid:profile:{grid_key(request, 'profile')}"  # read before the member row
    entry = cache.get(key)
    if entry is None:
        member = member_with_follow_counts(username)
        entry = {"row": member}  # the row alone: the entry is shared
        if member is None:
            cache.set(key, entry, PART_SECONDS)
    else:
        member = entry["row"]
    if member is None:
        raise Http404(_("No such member."))
    relation = viewer_relation(request.user, member)  # one statement, signed in only
    viewer_class, viewer = profile_viewer(request, member, relation)
    parts = entry.get(viewer_class)
    if parts is None:
        parts = entry[viewer_class] = _profile_parts(request, member, viewer)
        cache.set(key, entry, PART_SECONDS)
    context = {"member": member, "relation": relation, "parts": parts}
    return robots_header(render(request, "profiles/profile.html", context), member)


def _profile_parts(request, member, viewer) -> dict[str, str]:
    """The parts as the viewer's class sees them (web/grid_cache.py, profile_viewer)."""
    country = viewer_country(request)
    photos = photos_by(member, viewer, country=country)
    page = lazy(lambda: paged(request, photos))
    shared = {
        "member": member,
        "owner_view": viewer.pk is not None and viewer.pk == member.pk,
        "counts": {"followers": member.follower_count, "following": member.following_count},
        "photo_count": lazy(lambda: photo_count(photos)),
        "page": page,
        "albums": lazy(lambda: list(albums_visible_to(viewer).filter(owner=member)[:60])),
        "cover": lazy(lambda: first_open(page.items)),  # the preview image
    }
    return render_parts(PROFILE_PARTS, shared, request)


@require_GET
@old_page_links
def favourites(request, username: str):
    member = _member(username)
    photos = favourites_of(member, request.user, country=viewer_country(request))
    page = paged(request, photos)
    context = {"member": member, "page": page}
    return robots_header(render(request, "profiles/favourites.html", context), member)


@login_required
@require_POST
def follow(request, username: str):
    member = _member(username)
    try:
        made = follow_create(follower=request.user, followee=member)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        if isinstance(made, FollowRequest):
            done = _("You asked to follow %(name)s. They will decide whether to accept.")
        else:
            done = _("You now follow %(name)s.")
        messages.success(request, done % {"name": member.name})
    return redirect("profile", username=member.username)


@login_required
@require_POST
def unfollow(request, username: str):
    member = _member(username)
    requested = viewer_relation(request.user, member).requested
    follow_delete(follower=request.user, followee=member)
    if requested:
        done = _("You took back your request to follow %(name)s.")
    else:
        done = _("You no longer follow %(name)s.")
    messages.success(request, done % {"name": member.name})
    return redirect("profile", username=member.username)


@require_GET
def avatar(request, user_id: int):
    """Avatars are public, like the profile they belong to."""
    member = user_by_id(user_id)
    if member is None or not member.avatar:
        raise Http404(_("No avatar."))
    response = FileResponse(default_storage.open(member.avatar, "rb"), content_type="image/jpeg")
    response["Cache-Control"] = "public, max-age=86400"
    return response

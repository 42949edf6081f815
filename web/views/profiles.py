"""Profiles: a member's photos and albums (as far as the viewer may see them), follows,
favourites and avatars."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.selectors import user_by_id, user_by_username
from core.errors import ServiceError
from core.geo import viewer_country
from photos.open_web import first_open
from photos.selectors import albums_visible_to, photos_by
from social.selectors import favourites_of, follow_counts, member_with_following
from social.services import follow_create, follow_delete
from web.grid_cache import grid_key, lazy, profile_viewer
from web.keyset_pagination import old_page_links, paged
from web.open_web import robots_header
from web.page_parts import cached_parts, render_parts

# The profile's shared parts, one cache entry per visibility class (web/grid_cache.py):
# the member's header, counts, albums, the photo grid and its paging links.
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
    key = grid_key(request, "profile")  # read before the member, whose header is cached
    member = member_with_following(username, request.user)
    if member is None:
        raise Http404(_("No such member."))
    following = member.viewer_follows
    viewer_class, viewer = profile_viewer(request, member, following)
    country = viewer_country(request)
    page = lazy(lambda: paged(request, photos_by(member, viewer, country=country)))
    shared = {
        "member": member,
        "counts": lazy(lambda: follow_counts(member)),
        "page": page,
        "albums": lazy(lambda: list(albums_visible_to(viewer).filter(owner=member)[:60])),
        "cover": lazy(lambda: first_open(page.items)),  # the preview image
    }
    parts = cached_parts(
        f"candid:profile-parts:{key}|{viewer_class}",
        lambda: render_parts(PROFILE_PARTS, shared, request),
    )
    context = {"member": member, "following": following, "parts": parts}
    return robots_header(render(request, "profiles/profile.html", context), member)


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
        follow_create(follower=request.user, followee=member)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("You now follow %(name)s.") % {"name": member.name})
    return redirect("profile", username=member.username)


@login_required
@require_POST
def unfollow(request, username: str):
    member = _member(username)
    follow_delete(follower=request.user, followee=member)
    messages.success(request, _("You no longer follow %(name)s.") % {"name": member.name})
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

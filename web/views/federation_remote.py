"""Accounts and posts on other servers, from the web: the search page's "On another
server" card, following those accounts, and liking and answering their posts in the home
feed. Thin views over federation/ (lookup, following, interactions), as the API is."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import ServiceError
from federation.domains import blocked, domain_of
from federation.feed import remote_posts_for
from federation.fetch import FetchRefused
from federation.following import remote_follow, remote_unfollow
from federation.freshness import remote_actor_shown
from federation.interactions import (
    REPLY_MAX,
    remote_post_like,
    remote_post_reply,
    remote_post_unlike,
)
from federation.lookup import HANDLE
from federation.models import OutgoingFollow, RemoteActor, RemotePost
from federation.selectors import federation_enabled


def looks_remote(query: str) -> bool:
    """`@name@server` or a URL: what the search page looks up on another server."""
    return bool(HANDLE.match(query)) or query.startswith(("https://", "http://"))


def remote_card(request, query: str) -> dict | None:
    """The search page's card for an account elsewhere: {"actor", "following"} or
    {"error"}; None when there is nothing to look up (federation off, a visitor, a query
    that is no address). A known account is shown as stored, a stale one refreshed by the
    worker (federation/freshness.py); an unknown one is fetched now, as search always did."""
    if not (federation_enabled() and request.user.is_authenticated and looks_remote(query)):
        return None
    if blocked(_host(query)):  # nothing is fetched from a blocked server
        return {
            "error": _("This server does not federate with %(server)s.") % {"server": _host(query)}
        }
    try:
        actor = remote_actor_shown(query)
    except FetchRefused:
        return {"error": _("No account found at %(address)s.") % {"address": query}}
    follow = OutgoingFollow.objects.filter(follower=request.user, followee=actor).first()
    return {"actor": actor, "following": follow.state if follow else None}


def _host(query: str) -> str:
    match = HANDLE.match(query)
    return (match["host"].split(":")[0] if match else domain_of(query)).lower()


def _back(request):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect("home")


def _actor(actor_id: int) -> RemoteActor:
    if not federation_enabled():
        raise Http404
    return get_object_or_404(RemoteActor, pk=actor_id)


@login_required
@require_POST
def follow(request, actor_id: int):
    actor = _actor(actor_id)
    try:
        remote_follow(follower=request.user, followee=actor)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Follow request sent to @%(name)s@%(server)s.") % _names(actor))
    return _back(request)


@login_required
@require_POST
def unfollow(request, actor_id: int):
    actor = _actor(actor_id)
    remote_unfollow(follower=request.user, followee=actor)
    messages.success(request, _("You no longer follow @%(name)s@%(server)s.") % _names(actor))
    return _back(request)


def _names(actor: RemoteActor) -> dict:
    return {"name": actor.username, "server": actor.domain}


def _post(request, post_id: int) -> RemotePost:
    if not federation_enabled():
        raise Http404
    post = remote_posts_for(request.user).select_related("author").filter(pk=post_id).first()
    if post is None:
        raise Http404(_("No such post in your feed."))
    return post


@login_required
@require_POST
def like(request, post_id: int):
    post = _post(request, post_id)
    remote_post_like(user=request.user, post=post)
    messages.success(
        request, _("Liked. %(server)s has been told.") % {"server": post.author.domain}
    )
    return _back(request)


@login_required
@require_POST
def unlike(request, post_id: int):
    post = _post(request, post_id)
    if remote_post_unlike(user=request.user, post=post):
        messages.success(
            request,
            _("Your like is taken back. %(server)s has been told.")
            % {"server": post.author.domain},
        )
    return _back(request)


@login_required
@require_POST
def reply(request, post_id: int):
    post = _post(request, post_id)
    text = request.POST.get("text", "").strip()
    if not text or len(text) > REPLY_MAX:
        messages.error(
            request,
            _("Write a reply of 1 to %(max)s characters.") % {"max": REPLY_MAX},
        )
    else:
        remote_post_reply(user=request.user, post=post, text=text)
        messages.success(
            request, _("Your reply is on its way to %(server)s.") % {"server": post.author.domain}
        )
    return _back(request)

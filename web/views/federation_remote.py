"""Accounts and posts on other servers, from the web: the search page's "On another
server" card, following those accounts, and liking and answering their posts in the home
feed, and a photo's owner removing replies from other servers under it. Thin views over
federation/ (lookup, following, interactions, reply_removal), as the API is."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.errors import ServiceError
from federation.answers import remote_reply_on_visible_photo
from federation.domains import blocked, domain_of, media_rejected_among
from federation.feed import remote_posts_actionable
from federation.fetch import FetchRefused
from federation.following import remote_follow, remote_unfollow
from federation.freshness import remote_lookup
from federation.interactions import (
    REPLY_MAX,
    remote_post_like,
    remote_post_reply,
    remote_post_unlike,
)
from federation.lookup import HANDLE, LookupRefused
from federation.member_block_selectors import remote_relation
from federation.member_blocks import (
    remote_block_create,
    remote_block_delete,
    remote_mute_create,
    remote_mute_delete,
)
from federation.models import OutgoingLike, RemoteActor, RemotePost
from federation.reply_removal import remote_reply_remove
from federation.selectors import federation_enabled, follow_state


def looks_remote(query: str) -> bool:
    """`@name@server` or a URL: what the search page looks up on another server."""
    return bool(HANDLE.match(query)) or query.startswith(("https://", "http://"))


def remote_card(request, query: str) -> dict | None:
    """The search page's card for an account or a post elsewhere: {"actor", "following"},
    {"post", "media_rejected"} or {"error"}; None when there is nothing to look up
    (federation off, a visitor, a query that is no address). A known account is shown as
    stored, a stale one refreshed by the worker (federation/freshness.py); an unknown
    account or a pasted post is fetched now, as the search always did."""
    if not (federation_enabled() and request.user.is_authenticated and looks_remote(query)):
        return None
    if blocked(_host(query)):  # nothing is fetched from a blocked server
        return {
            "error": _("This server does not federate with %(server)s.") % {"server": _host(query)}
        }
    try:
        found = remote_lookup(query)
    except LookupRefused as refusal:
        return {"error": str(refusal)}
    except FetchRefused:
        return {"error": _("No account found at %(address)s.") % {"address": query}}
    if found.post is not None:
        return _post_card(request.user, found.post)
    actor = found.actor
    following = follow_state(request.user, actor)
    return {"actor": actor, "following": following, **remote_relation(request.user, actor)}


def _post_card(user, post: RemotePost) -> dict:
    post.liked = OutgoingLike.objects.filter(user=user, post=post).exists()
    return {"post": post, "media_rejected": media_rejected_among({post.author.domain})}


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


def _choice(service, done: str):
    """A POST button on an account elsewhere: `service(member=, actor=)` for the signed-in
    member (only their own block or mute), then the message `done` or why not."""

    @login_required
    @require_POST
    def view(request, actor_id: int):
        actor = _actor(actor_id)
        try:
            service(member=request.user, actor=actor)
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, str(done) % {"address": actor.address})
        return _back(request)

    return view


block = _choice(
    remote_block_create,
    gettext_lazy(
        "You blocked %(address)s: follows between you ended, and its posts, replies and "
        "likes no longer reach you."
    ),
)
unblock = _choice(remote_block_delete, gettext_lazy("You unblocked %(address)s."))
mute = _choice(
    remote_mute_create,
    gettext_lazy("You muted %(address)s: its posts and replies are no longer shown to you."),
)
unmute = _choice(remote_mute_delete, gettext_lazy("You unmuted %(address)s."))


def _names(actor: RemoteActor) -> dict:
    return {"name": actor.username, "server": actor.domain}


def _post(request, post_id: int) -> RemotePost:
    if not federation_enabled():
        raise Http404
    post = remote_posts_actionable().select_related("author").filter(pk=post_id)
    post = post.first()
    if post is None:
        raise Http404(_("No such post here."))
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


@login_required
@require_POST
def reply_remove(request, reply_id: int):
    """The photo's owner hides a reply from another server under their photo."""
    reply = remote_reply_on_visible_photo(request.user, reply_id) if federation_enabled() else None
    if reply is None:
        raise Http404(_("No such reply here."))
    try:
        remote_reply_remove(actor=request.user, reply=reply)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _(
                "The reply by %(address)s is removed from your photo. It stays hidden if it "
                "is edited."
            )
            % {"address": reply.author.address},
        )
    return redirect(reverse("photo", args=[reply.photo_id]) + "#remote-replies")

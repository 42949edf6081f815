"""Accounts on other servers (federation): find, follow and stop following them. Their
address is `name@server`, so `POST /users/bob@pixelfed.example/follow` follows Bob there
the way `POST /users/bob/follow` follows Bob here."""

from datetime import datetime

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from api.auth import PUBLIC_OPENAPI, PUBLIC_READ, USER_READ, USER_WRITE, user_of
from api.lookups import visible_photo
from api.pagination import Page, PageParams, page_of
from api.schemas.common import ERRORS
from api.schemas.text import PlainText
from core.errors import NotFound, ServiceError
from core.geo import viewer_country
from federation.answers import remote_likes_count, remote_replies_shown
from federation.feed import remote_posts_for
from federation.fetch import FetchRefused
from federation.follow_requests import remote_follow_request_accept, remote_follow_request_refuse
from federation.following import remote_follow, remote_unfollow
from federation.freshness import remote_actor_lookup
from federation.interactions import remote_post_like, remote_post_reply, remote_post_unlike
from federation.member_block_selectors import hidden_actors
from federation.member_blocks import (
    remote_block_create,
    remote_block_delete,
    remote_mute_create,
    remote_mute_delete,
)
from federation.models import RemoteActor, RemotePost
from federation.selectors import (
    actor_indexable,
    federation_enabled,
    follow_state,
    known_remote_actor,
    remote_follow_requests_for,
)

router = Router(tags=["federation"])


class RemoteAccountOut(Schema):
    address: str = Field(description="@name@server")
    uri: str
    name: str
    kind: str
    following: str | None = Field(description="`pending`, `accepted`, or null.")


def _find(address: str) -> RemoteActor:
    if not federation_enabled():
        raise ServiceError(_("This Candid does not take part in federation."))
    try:
        return remote_actor_lookup(address)
    except FetchRefused as error:
        raise ServiceError(
            _("No account found at %(address)s: %(reason)s") % {"address": address, "reason": error}
        ) from None


def _present(actor: RemoteActor, viewer) -> dict:
    return {
        "address": actor.address,
        "uri": actor.uri,
        "name": actor.display_name or actor.username,
        "kind": actor.kind,
        "following": follow_state(viewer, actor),
    }


@router.get("/remote-accounts", response={200: RemoteAccountOut, **ERRORS}, auth=USER_READ)
def remote_account(request: HttpRequest, q: PlainText):
    """Find an account on another server by `@name@server` or profile URL. Scope `read`."""
    return _present(_find(q), user_of(request))


@router.post(
    "/users/{name}@{server}/follow", response={200: RemoteAccountOut, **ERRORS}, auth=USER_WRITE
)
def follow_remote(request: HttpRequest, name: PlainText, server: PlainText):
    """Follow an account on another server; `following` is `pending` until it accepts."""
    actor = _find(f"{name}@{server}")
    remote_follow(follower=user_of(request), followee=actor)
    return _present(actor, user_of(request))


@router.delete("/users/{name}@{server}/follow", response={204: None, **ERRORS}, auth=USER_WRITE)
def unfollow_remote(request: HttpRequest, name: PlainText, server: PlainText):
    """Stop following an account on another server. Scope `write`."""
    actor = known_remote_actor(name, server)
    if actor is not None:
        remote_unfollow(follower=user_of(request), followee=actor)
    return 204, None


def _known(name: str, server: str) -> RemoteActor:
    """An account this server already knows (blocking fetches nothing: an account never
    met here has nothing here to hide)."""
    if not federation_enabled():
        raise ServiceError(_("This Candid does not take part in federation."))
    actor = known_remote_actor(name, server)
    if actor is None:
        raise NotFound(
            _("No account %(address)s is known here.") % {"address": f"@{name}@{server}"}
        )
    return actor


@router.post("/users/{name}@{server}/block", response={204: None, **ERRORS}, auth=USER_WRITE)
def block_remote(request: HttpRequest, name: PlainText, server: PlainText):
    """Block an account on another server: follows both ways end, it cannot follow you,
    its posts leave your feed, its replies and likes on your photos are not shown or taken
    in. Scope `write`."""
    remote_block_create(member=user_of(request), actor=_known(name, server))
    return 204, None


@router.delete("/users/{name}@{server}/block", response={204: None, **ERRORS}, auth=USER_WRITE)
def unblock_remote(request: HttpRequest, name: PlainText, server: PlainText):
    """Unblock an account on another server (ended follows do not come back)."""
    remote_block_delete(member=user_of(request), actor=_known(name, server))
    return 204, None


@router.post("/users/{name}@{server}/mute", response={204: None, **ERRORS}, auth=USER_WRITE)
def mute_remote(request: HttpRequest, name: PlainText, server: PlainText):
    """Mute an account on another server: its posts leave your feed and its replies are not
    shown to you. It is not told. Scope `write`."""
    remote_mute_create(member=user_of(request), actor=_known(name, server))
    return 204, None


@router.delete("/users/{name}@{server}/mute", response={204: None, **ERRORS}, auth=USER_WRITE)
def unmute_remote(request: HttpRequest, name: PlainText, server: PlainText):
    """Unmute an account on another server. Scope `write`."""
    remote_mute_delete(member=user_of(request), actor=_known(name, server))
    return 204, None


class ReplyIn(Schema):
    text: PlainText = Field(min_length=1, max_length=5000)


class RemoteReplyOut(Schema):
    author: str
    author_uri: str
    text: str
    indexable: bool = Field(
        description="False when the author refused indexing or AI training "
        "(`indexable: false`): keep the text out of search indexes and AI training."
    )
    url: str
    published: datetime


class FediverseOut(Schema):
    likes: int = Field(description="Likes from accounts on other servers.")


def _post_for(viewer, post_id: int) -> RemotePost:
    post = remote_posts_for(viewer).select_related("author").filter(pk=post_id).first()
    if post is None:
        raise NotFound(_("No such post in your feed."))
    return post


@router.post("/remote-posts/{post_id}/like", response={204: None, **ERRORS}, auth=USER_WRITE)
def like_remote_post(request: HttpRequest, post_id: int):
    """Like a post from another server in your feed; its server is told. Scope `write`."""
    remote_post_like(user=user_of(request), post=_post_for(user_of(request), post_id))
    return 204, None


@router.delete("/remote-posts/{post_id}/like", response={204: None, **ERRORS}, auth=USER_WRITE)
def unlike_remote_post(request: HttpRequest, post_id: int):
    """Take your like of a post from another server back (its server gets `Undo`)."""
    remote_post_unlike(user=user_of(request), post=_post_for(user_of(request), post_id))
    return 204, None


@router.post("/remote-posts/{post_id}/replies", response={204: None, **ERRORS}, auth=USER_WRITE)
def reply_to_remote_post(request: HttpRequest, post_id: int, reply: ReplyIn):
    """Answer a post from another server in your feed; the answer is sent to its server."""
    post = _post_for(user_of(request), post_id)
    remote_post_reply(user=user_of(request), post=post, text=reply.text)
    return 204, None


def _photo_seen(request: HttpRequest, photo_id: int):
    return visible_photo(user_of(request), photo_id, country=viewer_country(request))


@router.get(
    "/photos/{photo_id}/fediverse",
    response={200: FediverseOut, **ERRORS},
    auth=PUBLIC_READ,
    openapi_extra=PUBLIC_OPENAPI,
)
def photo_fediverse(request: HttpRequest, photo_id: int):
    """How people on other servers answered a photo: the number of likes."""
    return {"likes": remote_likes_count(_photo_seen(request, photo_id))}


@router.get(
    "/photos/{photo_id}/remote-replies",
    response={200: Page[RemoteReplyOut], **ERRORS},
    auth=PUBLIC_READ,
    openapi_extra=PUBLIC_OPENAPI,
)
def photo_remote_replies(request: HttpRequest, photo_id: int, page: Query[PageParams]):
    """Replies to a photo from people on other servers, oldest first."""
    photo = _photo_seen(request, photo_id)
    replies = remote_replies_shown(photo)
    viewer = user_of(request)
    if viewer.is_authenticated:  # the replies of accounts you blocked or muted are left out
        replies = replies.exclude(hidden_actors(viewer.pk))
    replies = replies.select_related("author").order_by("published", "id")
    return page_of(request, replies, page, _present_reply)


def _present_reply(reply) -> dict:
    return {
        "author": reply.author.address,
        "author_uri": reply.author.uri,
        "text": reply.text,
        "indexable": actor_indexable(reply.author),
        "url": reply.url,
        "published": reply.published,
    }


class RemoteFollowRequestOut(Schema):
    id: int = Field(description="Accept or reject the request by this id.")
    address: str = Field(description="@name@server of who asked to follow you.")
    uri: str
    name: str
    requested_at: datetime


@router.get(
    "/me/follow-requests/remote",
    response={200: Page[RemoteFollowRequestOut], **ERRORS},
    auth=USER_READ,
)
def remote_follow_requests(request: HttpRequest, page: Query[PageParams]):
    """Follows from accounts on other servers waiting for your decision (your follow
    approval setting decides, as for members here), newest first. Scope `read`."""
    pending = remote_follow_requests_for(user_of(request))
    return page_of(request, pending, page, _present_request)


def _present_request(follow) -> dict:
    actor = follow.follower
    return {
        "id": follow.pk,
        "address": actor.address,
        "uri": actor.uri,
        "name": actor.display_name or actor.username,
        "requested_at": follow.created_at,
    }


@router.post(
    "/me/follow-requests/remote/{follow_id}/accept", response={204: None, **ERRORS}, auth=USER_WRITE
)
def remote_follow_request_accept_api(request: HttpRequest, follow_id: int):
    """Accept: the account becomes your follower and its server is told. Scope `write`."""
    remote_follow_request_accept(member=user_of(request), follow_id=follow_id)
    return 204, None


@router.post(
    "/me/follow-requests/remote/{follow_id}/reject", response={204: None, **ERRORS}, auth=USER_WRITE
)
def remote_follow_request_reject_api(request: HttpRequest, follow_id: int):
    """Reject: the request ends and its server is told. Scope `write`."""
    remote_follow_request_refuse(member=user_of(request), follow_id=follow_id)
    return 204, None

"""The caller's audience: follow requests to accept or reject, followers to remove,
members to block or mute. Each endpoint calls one service of social.audience_services."""

from functools import partial

from django.http import HttpRequest
from ninja import Query, Router

from api.auth import USER_READ, USER_WRITE, user_of
from api.lookups import user_named
from api.pagination import Page, PageParams, page_of
from api.schemas.audience import FollowRequestOut, present_follow_request
from api.schemas.common import ERRORS
from api.schemas.text import PlainText
from social import audience_services as audience
from social.audience_selectors import follow_requests_for

router = Router(tags=["audience"])
DONE = {204: None, **ERRORS}


@router.get("/me/follow-requests", response={200: Page[FollowRequestOut], **ERRORS}, auth=USER_READ)
def follow_requests(request: HttpRequest, page: Query[PageParams]):
    """Follow requests waiting for your decision, newest first. Scope `read`."""
    pending = follow_requests_for(user_of(request))
    return page_of(request, pending, page, partial(present_follow_request, request))


@router.post("/me/follow-requests/{username}/accept", response=DONE, auth=USER_WRITE)
def follow_request_accept(request: HttpRequest, username: PlainText):
    """Accept a pending request: the member becomes your follower. Scope `write`."""
    audience.follow_request_accept(followee=user_of(request), follower=user_named(username))
    return 204, None


@router.post("/me/follow-requests/{username}/reject", response=DONE, auth=USER_WRITE)
def follow_request_reject(request: HttpRequest, username: PlainText):
    """Reject a pending request (the member is not told). Scope `write`."""
    audience.follow_request_refuse(followee=user_of(request), follower=user_named(username))
    return 204, None


@router.delete("/me/followers/{username}", response=DONE, auth=USER_WRITE)
def follower_remove(request: HttpRequest, username: PlainText):
    """Remove one of your followers. Scope `write`."""
    audience.follower_remove(member=user_of(request), follower=user_named(username))
    return 204, None


@router.post("/users/{username}/block", response=DONE, auth=USER_WRITE)
def block(request: HttpRequest, username: PlainText):
    """Block a member: every follow between you ends; they cannot follow you, comment on or
    favourite your photos, and neither sees the other's photos. Scope `write`."""
    audience.block_create(blocker=user_of(request), blocked=user_named(username))
    return 204, None


@router.delete("/users/{username}/block", response=DONE, auth=USER_WRITE)
def unblock(request: HttpRequest, username: PlainText):
    """Unblock a member (ended follows do not come back). Scope `write`."""
    audience.block_delete(blocker=user_of(request), blocked=user_named(username))
    return 204, None


@router.post("/users/{username}/mute", response=DONE, auth=USER_WRITE)
def mute(request: HttpRequest, username: PlainText):
    """Mute a member: their photos leave your feed. Scope `write`."""
    audience.mute_create(muter=user_of(request), muted=user_named(username))
    return 204, None


@router.delete("/users/{username}/mute", response=DONE, auth=USER_WRITE)
def unmute(request: HttpRequest, username: PlainText):
    """Unmute a member. Scope `write`."""
    audience.mute_delete(muter=user_of(request), muted=user_named(username))
    return 204, None

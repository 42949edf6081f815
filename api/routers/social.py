"""Follows, favourites and comments."""

from functools import partial

from django.http import HttpRequest
from ninja import Query, Router

from api.auth import PUBLIC_OPENAPI, PUBLIC_READ, USER_WRITE, user_of
from api.lookups import user_named, visible_comment, visible_photo
from api.pagination import Page, PageParams, page_of
from api.routers.users import profile_of
from api.schemas.common import ERRORS, UserSummary, user_summary
from api.schemas.social import CommentIn, CommentOut, FavouriteOut, present_comment
from api.schemas.text import PlainText
from api.schemas.users import ProfileOut
from core.geo import viewer_country
from social.selectors import comments_on, followers_of, following_of
from social.services import (
    comment_delete,
    comment_post,
    favourite_add,
    favourite_remove,
    follow_create,
    follow_delete,
)

router = Router(tags=["social"])


@router.post("/users/{username}/follow", response={200: ProfileOut, **ERRORS}, auth=USER_WRITE)
def follow(request: HttpRequest, username: PlainText):
    """Follow a user (again is harmless). Answers their profile. Scope `write`."""
    followee = user_named(username)
    follow_create(follower=user_of(request), followee=followee)
    return profile_of(request, followee)


@router.delete("/users/{username}/follow", response={204: None, **ERRORS}, auth=USER_WRITE)
def unfollow(request: HttpRequest, username: PlainText):
    """Stop following a user. Scope `write`."""
    follow_delete(follower=user_of(request), followee=user_named(username))
    return 204, None


@router.get(
    "/users/{username}/followers",
    response={200: Page[UserSummary], **ERRORS},
    auth=PUBLIC_READ,
    openapi_extra=PUBLIC_OPENAPI,
)
def followers(request: HttpRequest, username: PlainText, page: Query[PageParams]):
    """Who follows this user, most recent first."""
    users = followers_of(user_named(username))
    return page_of(request, users, page, partial(user_summary, request))


@router.get(
    "/users/{username}/following",
    response={200: Page[UserSummary], **ERRORS},
    auth=PUBLIC_READ,
    openapi_extra=PUBLIC_OPENAPI,
)
def following(request: HttpRequest, username: PlainText, page: Query[PageParams]):
    """Whom this user follows, most recent first."""
    users = following_of(user_named(username))
    return page_of(request, users, page, partial(user_summary, request))


@router.post(
    "/photos/{photo_id}/favourite", response={200: FavouriteOut, **ERRORS}, auth=USER_WRITE
)
def favourite(request: HttpRequest, photo_id: int):
    """Favourite a photo you may see (again is harmless). Scope `write`."""
    user = user_of(request)
    favourite_add(user=user, photo_id=photo_id)
    photo = visible_photo(user, photo_id)
    return {"photo_id": photo.pk, "favourited": True, "favourite_count": photo.favourite_count}


@router.delete("/photos/{photo_id}/favourite", response={204: None, **ERRORS}, auth=USER_WRITE)
def unfavourite(request: HttpRequest, photo_id: int):
    """Take back a favourite. Scope `write`."""
    user = user_of(request)
    favourite_remove(user=user, photo_id=visible_photo(user, photo_id).pk)
    return 204, None


@router.get(
    "/photos/{photo_id}/comments",
    response={200: Page[CommentOut], **ERRORS},
    auth=PUBLIC_READ,
    openapi_extra=PUBLIC_OPENAPI,
)
def comment_list(request: HttpRequest, photo_id: int, page: Query[PageParams]):
    """Comments on a photo the caller may see, oldest first."""
    photo = visible_photo(user_of(request), photo_id, country=viewer_country(request))
    comments = comments_on(photo)
    return page_of(request, comments, page, partial(present_comment, request))


@router.post("/photos/{photo_id}/comments", response={201: CommentOut, **ERRORS}, auth=USER_WRITE)
def comment_new(request: HttpRequest, photo_id: int, comment: CommentIn):
    """Comment on a photo you may see. Scope `write`."""
    posted = comment_post(author=user_of(request), photo_id=photo_id, body=comment.body)
    return 201, present_comment(request, posted)


@router.delete("/comments/{comment_id}", response={204: None, **ERRORS}, auth=USER_WRITE)
def comment_remove(request: HttpRequest, comment_id: int):
    """Delete a comment you wrote, or one on your photo. Scope `write`."""
    actor = user_of(request)
    comment_delete(actor=actor, comment=visible_comment(actor, comment_id))
    return 204, None

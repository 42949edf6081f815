"""The signed-in member's home feed: members followed here and accounts followed on other
servers (federation), newest first."""

from datetime import datetime
from functools import partial

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from api.auth import USER_READ, user_of
from api.lookups import presentable
from api.pagination import PageParams, _next_url
from api.schemas.common import ERRORS
from api.schemas.photos import PhotoOut, present_photo
from core.errors import ServiceError
from core.geo import viewer_country
from federation.domains import media_rejected_among
from federation.feed import feed_page, feed_photos

router = Router(tags=["feed"])


class RemoteImageOut(Schema):
    url: str
    name: str
    width: int | None
    height: int | None


class RemotePostOut(Schema):
    id: int = Field(description="To like or answer it: /remote-posts/{id}/like and /replies.")
    uri: str
    url: str = Field(description="The post on its own server.")
    author: str = Field(description="The author's address, as @name@server.")
    author_uri: str
    text: str
    summary: str
    sensitive: bool
    images: list[RemoteImageOut]
    published: datetime
    liked: bool = Field(description="You liked it (DELETE /remote-posts/{id}/like takes it back).")


class FeedItemOut(Schema):
    kind: str = Field(
        description="`photo` (a photo here) or `remote` (a post from another server)."
    )
    photo: PhotoOut | None = None
    remote: RemotePostOut | None = None


class FeedPageOut(Schema):
    limit: int
    next: str | None
    next_cursor: str | None
    items: list[FeedItemOut]


@router.get("/feed", response={200: FeedPageOut, **ERRORS}, auth=USER_READ)
def feed(request: HttpRequest, page: Query[PageParams]):
    """Your home feed, newest first, paged by `cursor` (follow `next`). Scope `read`."""
    if page.offset:
        raise ServiceError(_("The feed pages by `cursor` only."))
    viewer = user_of(request)
    photos = presentable(feed_photos(viewer, viewer_country(request)), viewer)
    result = feed_page(viewer, photos=photos, cursor=page.cursor, size=page.limit)
    present = partial(present_photo, request)
    servers = {item.post.author.domain for item in result.items if item.post is not None}
    rejected = media_rejected_among(servers) if servers else set()
    return {
        "limit": page.limit,
        "next": _next_url(request, result.next_cursor) if result.next_cursor else None,
        "next_cursor": result.next_cursor,
        "items": [_item(item, present, rejected) for item in result.items],
    }


def _item(item, present, media_rejected: set[str]) -> dict:
    """A remote post from a server whose media this instance rejects keeps its text and
    link, without its images (as on the web feed)."""
    if item.photo is not None:
        return {"kind": "photo", "photo": present(item.photo)}
    post = item.post
    return {
        "kind": "remote",
        "remote": {
            "id": post.pk,
            "uri": post.uri,
            "url": post.url,
            "author": post.author.address,
            "author_uri": post.author.uri,
            "text": post.text,
            "summary": post.summary,
            "sensitive": post.sensitive,
            "images": [] if post.author.domain in media_rejected else post.attachments,
            "published": post.published,
            "liked": post.liked,
        },
    }

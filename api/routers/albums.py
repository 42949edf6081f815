"""Albums: list, detail with ordered photos, create, edit, set photos, delete."""

from django.http import HttpRequest
from ninja import Field, Query, Router

from accounts.permissions import ensure_can_act
from api.auth import PUBLIC_OPENAPI, PUBLIC_READ, USER_WRITE, user_of
from api.lookups import album_to_change, user_named, visible_album
from api.pagination import Page, PageParams, page_of
from api.schemas.albums import (
    AlbumDetailOut,
    AlbumIn,
    AlbumOut,
    AlbumPatch,
    AlbumPhotosIn,
    present_album,
)
from api.schemas.common import ERRORS
from api.schemas.text import ParamsSchema
from core.geo import viewer_country
from photos.selectors import album_photos, albums_visible_to
from photos.services import album_create, album_delete, album_set_photos, album_update

router = Router(tags=["albums"])


class AlbumFilters(ParamsSchema):
    user: str | None = Field(None, description="Only this user's albums (username).")


def detail_of(request, viewer, album) -> dict:
    shown = album_photos(album, viewer, country=viewer_country(request))
    photo_ids = list(shown.values_list("pk", flat=True))
    return present_album(album, photo_ids)


@router.get(
    "/albums",
    response={200: Page[AlbumOut], **ERRORS},
    auth=PUBLIC_READ,
    openapi_extra=PUBLIC_OPENAPI,
)
def album_list(request: HttpRequest, filters: Query[AlbumFilters], page: Query[PageParams]):
    """Albums the caller may see, newest first. Scope `read` when a token is sent."""
    albums = albums_visible_to(user_of(request))
    if filters.user:
        albums = albums.filter(owner=user_named(filters.user))
    return page_of(request, albums.order_by("-created_at", "-id"), page, present_album)


@router.get(
    "/albums/{album_id}",
    response={200: AlbumDetailOut, **ERRORS},
    auth=PUBLIC_READ,
    openapi_extra=PUBLIC_OPENAPI,
)
def album_detail(request: HttpRequest, album_id: int):
    """One album with the ids of the photos in it that the caller may see, in order."""
    viewer = user_of(request)
    return detail_of(request, viewer, visible_album(viewer, album_id))


@router.post("/albums", response={201: AlbumDetailOut, **ERRORS}, auth=USER_WRITE)
def album_new(request: HttpRequest, album: AlbumIn):
    """Create an empty album. Scope `write`."""
    owner = user_of(request)
    created = album_create(owner=owner, **album.model_dump())
    return 201, detail_of(request, owner, created)


@router.patch("/albums/{album_id}", response={200: AlbumDetailOut, **ERRORS}, auth=USER_WRITE)
def album_edit(request: HttpRequest, album_id: int, changes: AlbumPatch):
    """Change some of an album's details; fields not sent stay as they are. Scope `write`."""
    actor = user_of(request)
    album = album_to_change(actor, album_id)
    sent = changes.model_dump(exclude_unset=True)
    ensure_can_act(actor)
    if sent:
        current = {
            "title": album.title,
            "description": album.description,
            "visibility": album.visibility,
        }
        album = album_update(actor=actor, album=album, **{**current, **sent})
    return detail_of(request, actor, album)


@router.put("/albums/{album_id}/photos", response={200: AlbumDetailOut, **ERRORS}, auth=USER_WRITE)
def album_photos_set(request: HttpRequest, album_id: int, photos: AlbumPhotosIn):
    """Replace the album's photos with these of your own, in this order. Scope `write`."""
    actor = user_of(request)
    album = album_set_photos(
        actor=actor, album=album_to_change(actor, album_id), photo_ids=photos.photo_ids
    )
    return detail_of(request, actor, album)


@router.delete("/albums/{album_id}", response={204: None, **ERRORS}, auth=USER_WRITE)
def album_remove(request: HttpRequest, album_id: int):
    """Delete your album; its photos stay. Scope `write`."""
    actor = user_of(request)
    album_delete(actor=actor, album=album_to_change(actor, album_id))
    return 204, None

"""Album shapes. An album's photo ids are only those the caller may see, in order."""

from datetime import datetime
from typing import Annotated

from ninja import Field, Schema

from api.schemas.common import UserRef, user_ref
from api.schemas.photos import VisibilityValue
from api.schemas.text import InputSchema, VisibleText
from photos.models import Album

MAX_ID = 2**63 - 1


class AlbumOut(Schema):
    id: int
    owner: UserRef
    title: str
    description: str
    visibility: VisibilityValue
    created_at: datetime


class AlbumDetailOut(AlbumOut):
    photo_ids: list[int] = Field(description="In album order; only photos you may see.")


class AlbumIn(InputSchema):
    title: VisibleText = Field(min_length=1, max_length=200)
    description: str = Field("", max_length=5000)
    visibility: VisibilityValue = "public"


class AlbumPatch(InputSchema):
    """Only the fields sent are changed."""

    title: VisibleText = Field(None, min_length=1, max_length=200)
    description: str = Field(None, max_length=5000)
    visibility: VisibilityValue = None


class AlbumPhotosIn(InputSchema):
    """Ids are bounded to the 64-bit keys the database holds: a larger one used to overflow
    in the lookup (a 500) instead of answering 422."""

    photo_ids: list[Annotated[int, Field(ge=1, le=MAX_ID)]] = Field(
        description="Your own photos, in the order to show them."
    )


def present_album(album: Album, photo_ids: list[int] | None = None) -> dict:
    shape = {
        "id": album.pk,
        "owner": user_ref(album.owner),
        "title": album.title,
        "description": album.description,
        "visibility": album.visibility,
        "created_at": album.created_at,
    }
    if photo_ids is not None:
        shape["photo_ids"] = photo_ids
    return shape

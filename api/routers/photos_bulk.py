"""The organiser through the API: one change to many of your photos in one request."""

from typing import Annotated, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from api.auth import USER_WRITE, user_of
from api.schemas.albums import MAX_ID
from api.schemas.common import ERRORS
from api.schemas.photos import TAGS_HELP, LicenceCode, VisibilityValue
from api.schemas.text import InputSchema
from core.errors import ServiceError
from photos import bulk

router = Router(tags=["photos"])


class PhotosBulkIn(InputSchema):
    action: Literal[bulk.ACTIONS] = Field(
        ...,
        description="`tags_add` and `tags_remove` take `tags`; `licence` takes `licence`; "
        "`visibility` takes `visibility`; `album` takes `album_id` (one of your albums; "
        "the photos join at its end); `delete` deletes the photos with their originals.",
    )
    photo_ids: list[Annotated[int, Field(ge=1, le=MAX_ID)]] = Field(..., max_length=bulk.MAX_PHOTOS)
    tags: list[str] | str | None = Field(None, description=f"A list, or {TAGS_HELP.lower()}")
    licence: LicenceCode | None = None
    visibility: VisibilityValue | None = None
    album_id: Annotated[int, Field(ge=1, le=MAX_ID)] | None = None


class PhotosBulkOut(Schema):
    action: str
    count: int = Field(..., description="Photos changed, or to be changed when `queued`.")
    queued: bool = Field(
        ...,
        description=f"True past {bulk.INLINE_LIMIT} photos: the worker makes the change "
        "shortly after (answered 202).",
    )


_VALUES = {
    bulk.TAGS_ADD: ("tags", bulk.photos_tags_add, "tags"),
    bulk.TAGS_REMOVE: ("tags", bulk.photos_tags_remove, "tags"),
    bulk.LICENCE: ("licence", bulk.photos_licence_set, "licence"),
    bulk.VISIBILITY: ("visibility", bulk.photos_visibility_set, "visibility"),
    bulk.ALBUM: ("album_id", bulk.photos_album_add, "album_id"),
}


@router.post(
    "/photos/bulk",
    response={200: PhotosBulkOut, 202: PhotosBulkOut, **ERRORS},
    auth=USER_WRITE,
)
def photos_bulk(request: HttpRequest, change: PhotosBulkIn):
    """Change many of your photos at once. Scope `write`. Every id must be one of your
    photos: one that is not (or no longer exists) refuses the whole request with 403 and
    changes nothing."""
    actor = user_of(request)
    if change.action == bulk.DELETE:
        result = bulk.photos_delete(actor=actor, photo_ids=change.photo_ids)
    else:
        field, service, argument = _VALUES[change.action]
        value = getattr(change, field)
        if value is None:
            raise ServiceError(
                _("The action “%(action)s” needs `%(field)s`.")
                % {"action": change.action, "field": field}
            )
        result = service(actor=actor, photo_ids=change.photo_ids, **{argument: value})
    body = {"action": result.action, "count": result.count, "queued": result.queued}
    return (202 if result.queued else 200), body

"""Photo shapes. Owner-only facts (original, hashes) are null for everyone else; the
location is null unless the owner turned "show location" on."""

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Schema

from api.schemas.common import UserRef, absolute, user_ref
from api.schemas.text import InputSchema, ParamsSchema, PlainText, VisibleText
from photos.licences import LICENCES
from photos.models import ALT_TEXT_MAX_LENGTH, Photo
from photos.rendition_keys import rendition_key

LicenceCode = Literal[tuple(LICENCES)]
VisibilityValue = Literal["public", "followers", "private"]
TAGS_HELP = "Tags separated by spaces or commas (at most 20)."
DEFAULT_HELP = "Left out: the caller's upload default (settings, Defaults)."
ALT_TEXT_HELP = (
    "What the photo shows, for people who cannot see it (the img alt on every page); "
    f"plain text, at most {ALT_TEXT_MAX_LENGTH} characters (longer is refused with 400)."
)
# The service checks the length (400 with a message, as on the web) rather than the
# schema (422); the document still states the limit.
ALT_TEXT_LIMIT = {"maxLength": ALT_TEXT_MAX_LENGTH}


class LicenceOut(Schema):
    code: str
    name: str
    url: str | None = Field(description="The licence deed; null for all rights reserved.")


class RenditionOut(Schema):
    url: str
    width: int
    height: int


class LocationOut(Schema):
    latitude: float
    longitude: float


class PhotoOut(Schema):
    id: int
    owner: UserRef
    title: str
    description: str
    alt_text: str = Field(description=ALT_TEXT_HELP + " Empty when the owner gave none.")
    tags: list[str]
    licence: LicenceOut
    visibility: VisibilityValue
    show_location: bool
    width: int
    height: int
    taken_at: datetime | None
    camera: dict[str, Any]
    location: LocationOut | None
    created_at: datetime
    page_url: str
    renditions: dict[str, RenditionOut] = Field(
        description="Keyed by size: small, tile, medium, large (320, 500, 1000, 2000 px)."
        " Older photos have a tile once the backfill made it."
    )
    original_url: str | None = Field(description="The original file; owner only.")
    favourite_count: int
    favourited: bool = Field(description="Whether the caller has favourited the photo.")
    sha256: str | None = Field(description="SHA-256 of the original; owner only.")
    pdq_hash: str | None = Field(description="PDQ perceptual hash; owner only.")


class PhotoUploadForm(ParamsSchema):
    title: VisibleText = Field("", max_length=200)
    description: str = Field("", max_length=5000)
    alt_text: PlainText = Field("", description=ALT_TEXT_HELP, json_schema_extra=ALT_TEXT_LIMIT)
    tags: str = Field("", description=TAGS_HELP)
    licence: LicenceCode = Field(None, description=DEFAULT_HELP)
    visibility: VisibilityValue = Field(None, description=DEFAULT_HELP)
    show_location: bool = Field(None, description=DEFAULT_HELP)
    title_from_file: bool = Field(
        False,
        description="With no `title`: the title saved in the file (XMP dc:title, IPTC "
        "Object Name, EXIF XPTitle), else the file name made readable.",
    )
    album_id: int = Field(
        0, ge=0, description="One of your albums (the photo joins its end); 0: none."
    )


class PhotoPatch(InputSchema):
    """Only the fields sent are changed."""

    title: VisibleText = Field(None, max_length=200)
    description: str = Field(None, max_length=5000)
    alt_text: PlainText = Field(None, description=ALT_TEXT_HELP, json_schema_extra=ALT_TEXT_LIMIT)
    tags: list[str] | str = Field(None, description=f"A list, or {TAGS_HELP.lower()}")
    licence: LicenceCode = None
    visibility: VisibilityValue = None
    show_location: bool = None


def present_photo(request: HttpRequest, photo: Photo) -> dict:
    """Expects tags and renditions prefetched and the favourite annotations of
    `social.selectors.with_favourite_counts`."""
    is_owner = request.auth.user.pk == photo.owner_id
    licence = photo.licence_info
    return {
        "id": photo.pk,
        "owner": user_ref(photo.owner),
        "title": photo.title,
        "description": photo.description,
        "alt_text": photo.alt_text,
        "tags": sorted(tag.name for tag in photo.tags.all()),
        "licence": {"code": licence.code, "name": licence.name, "url": licence.url or None},
        "visibility": photo.visibility,
        "show_location": photo.show_location,
        "width": photo.width,
        "height": photo.height,
        "taken_at": photo.taken_at,
        "camera": photo.camera,
        "location": _location(photo),
        "created_at": photo.created_at,
        "page_url": absolute(request, reverse("photo", args=[photo.pk])),
        "renditions": _renditions(request, photo),
        "original_url": absolute(request, reverse("original", args=[photo.pk]))
        if is_owner
        else None,
        "favourite_count": getattr(photo, "favourite_count", 0),
        "favourited": bool(getattr(photo, "favourited", False)),
        "sha256": photo.sha256 if is_owner else None,
        "pdq_hash": photo.pdq_hash if is_owner else None,
    }


def _location(photo: Photo) -> dict | None:
    if not photo.show_location or photo.latitude is None or photo.longitude is None:
        return None
    return {"latitude": photo.latitude, "longitude": photo.longitude}


def _renditions(request: HttpRequest, photo: Photo) -> dict:
    """Versioned URLs (web.views.media): a CDN may keep a public one for a year."""
    key = rendition_key(photo)
    return {
        r.size: {
            "url": absolute(request, reverse("rendition_versioned", args=[photo.pk, key, r.size])),
            "width": r.width,
            "height": r.height,
        }
        for r in photo.renditions.all()
    }

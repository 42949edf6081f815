"""Photos: list and search, detail, upload, edit, delete."""

from functools import partial

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Query, Router, UploadedFile
from ninja.decorators import decorate_view

from accounts.permissions import ensure_can_act
from api.auth import PUBLIC_OPENAPI, PUBLIC_READ, USER_WRITE, user_of
from api.lookups import album_to_change, photo_to_change, presentable, user_named, visible_photo
from api.pagination import Page, PageParams, page_of
from api.ratelimits import caller_account, enforce_limit
from api.schemas.common import ERRORS, ErrorOut
from api.schemas.photos import PhotoOut, PhotoPatch, PhotoUploadForm, present_photo
from api.schemas.text import ParamsSchema
from api.search import photo_search_page
from core.geo import viewer_country
from core.uploads import keep_sent_file_names, name_as_sent
from photos.search import NO_OPTIONS
from photos.search_match import SearchRefused
from photos.search_options import OPTION_NAMES, search_options
from photos.selectors import photos_filtered
from photos.services import parse_tags, photo_delete, photo_update, photo_upload
from web.ratelimits import TOO_MANY_UPLOADS

router = Router(tags=["photos"])


class PhotoFilters(ParamsSchema):
    user: str | None = Field(None, description="Only this user's photos (username).")
    tag: str | None = Field(None, description="Only photos with this tag.")
    q: str | None = Field(
        None,
        description="Words to find in title, description, tags or the owner's name (each as "
        "a word prefix; at most 200 characters). The newest 500 matches at most, in the "
        "order of `sort` (relevance then recency by default), paged by `cursor` (follow "
        "`next`).",
    )
    licence: str | None = Field(
        None, description="With `q`: only photos under this licence (its code, e.g. `cc-by`)."
    )
    camera: str | None = Field(
        None, description="With `q`: only photos whose camera make or model has these words."
    )
    taken_from: str | None = Field(
        None, description="With `q`: only photos taken on or after this day (YYYY-MM-DD)."
    )
    taken_to: str | None = Field(
        None, description="With `q`: only photos taken on or before this day (YYYY-MM-DD)."
    )
    sort: str | None = Field(
        None,
        description="With `q`: `relevance` (the default, then newest), `newest`, or "
        "`favourites` (most favourited, then newest).",
    )


@router.get(
    "/photos",
    response={200: Page[PhotoOut], **ERRORS},
    auth=PUBLIC_READ,
    openapi_extra=PUBLIC_OPENAPI,
)
def photo_list(request: HttpRequest, filters: Query[PhotoFilters], page: Query[PageParams]):
    """Photos the caller may see, newest first. Scope `read` when a token is sent."""
    viewer = user_of(request)
    options = search_options(filters.model_dump(include=OPTION_NAMES))
    if filters.q and filters.q.strip():
        return photo_search_page(
            request,
            viewer,
            filters.q,
            options=options,
            limit=page.limit,
            offset=page.offset,
            country=viewer_country(request),
            owner=user_named(filters.user) if filters.user else None,
            tag=(parse_tags([filters.tag]) or [""])[0] if filters.tag else None,
        )
    if options != NO_OPTIONS:
        raise SearchRefused(_("Filters and sorting apply to a search: send `q` too."))
    matching = photos_filtered(
        viewer,
        country=viewer_country(request),
        owner=user_named(filters.user) if filters.user else None,
        tag=(parse_tags([filters.tag]) or [""])[0] if filters.tag else None,
        query=filters.q if filters.q and filters.q.strip() else None,
    )
    photos = presentable(matching, viewer).order_by("-created_at", "-id")
    return page_of(request, photos, page, partial(present_photo, request))


@router.get(
    "/photos/{photo_id}",
    response={200: PhotoOut, **ERRORS},
    auth=PUBLIC_READ,
    openapi_extra=PUBLIC_OPENAPI,
)
def photo_detail(request: HttpRequest, photo_id: int):
    """One photo; 404 when it does not exist or the caller may not see it."""
    country = viewer_country(request)
    return present_photo(request, visible_photo(user_of(request), photo_id, country=country))


@router.post(
    "/photos", response={201: PhotoOut, 413: ErrorOut, 429: ErrorOut, **ERRORS}, auth=USER_WRITE
)
@decorate_view(keep_sent_file_names)
def photo_create(request: HttpRequest, file: File[UploadedFile], details: Form[PhotoUploadForm]):
    """Upload one photo (multipart/form-data). Scope `write`. A refused file stores
    nothing: not an image, damaged, over 100 megapixels, too large (413), a file name
    with a path in it, or a format other than JPEG, PNG, WebP or HEIC. Limited per
    account, one budget with the web form (429 when exceeded)."""
    enforce_limit(
        request,
        "uploads",
        "CANDID_UPLOAD_RATE",
        TOO_MANY_UPLOADS,
        key=caller_account,
        method="POST",
    )
    owner = user_of(request)
    fields = details.model_dump()
    album_id = fields.pop("album_id")
    album = album_to_change(owner, album_id) if album_id else None
    photo = photo_upload(
        owner=owner,
        file=file,
        filename=name_as_sent(request, file),
        size=file.size,
        album=album,
        **fields,
    )
    return 201, present_photo(request, visible_photo(owner, photo.pk))


@router.patch("/photos/{photo_id}", response={200: PhotoOut, **ERRORS}, auth=USER_WRITE)
def photo_edit(request: HttpRequest, photo_id: int, changes: PhotoPatch):
    """Change some of a photo's details; fields not sent stay as they are. Scope `write`."""
    actor = user_of(request)
    photo = photo_to_change(actor, photo_id)
    sent = changes.model_dump(exclude_unset=True)
    ensure_can_act(actor)
    if sent:
        current = {
            "title": photo.title,
            "description": photo.description,
            "tags": [tag.name for tag in photo.tags.all()],
            "licence": photo.licence,
            "visibility": photo.visibility,
            "show_location": photo.show_location,
        }
        photo_update(actor=actor, photo=photo, **{**current, **sent})
    return present_photo(request, photo_to_change(actor, photo_id))


@router.delete("/photos/{photo_id}", response={204: None, **ERRORS}, auth=USER_WRITE)
def photo_remove(request: HttpRequest, photo_id: int):
    """Delete your photo with its original and renditions. Scope `write`."""
    actor = user_of(request)
    photo_delete(actor=actor, photo=photo_to_change(actor, photo_id))
    return 204, None

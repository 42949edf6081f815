"""Serving renditions and originals through Django, so the visibility rules apply to
every image URL (a private photo's rendition answers 404 to everyone but its owner).

Two URLs serve a rendition:

- `/r/<id>/<key>/<size>.jpg`, the versioned URL pages and the API link to. The key
  (photos.rendition_keys) changes whenever what the URL serves or its audience changes:
  rebuilt renditions, a consent change, visibility, removal, withholding. A photo anyone
  may see, in every country, is served `public, max-age=31536000, immutable`, so a CDN
  or browser keeps it for a year and never asks again; an old key answers 404.
- `/r/<id>/<size>.jpg`, the live URL (dataset manifests, older links): always the photo's
  state now, `no-cache`, so caches revalidate on every use.

Everything else is `private, no-cache`: followers-only and private photos, and photos
withheld somewhere (the answer differs by country, so no shared cache may keep it).
A conditional request is answered 304 from the ETag kept on the rendition row and the key
(which covers the consent served in the file and headers), without reading the file.
"""

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_safe

from consent.signals_http import rendition_signals
from core.geo import viewer_country
from photos.models import Rendition
from photos.pipeline import RENDITION_SIZES
from photos.rendition_keys import key_matches, served_etag
from photos.selectors import (
    photo_owned_by,
    photo_withheld_for,
    rendition_for_viewer,
    rendition_public,
)
from web.open_web import robots_header
from web.views.photos import withheld

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE_PUBLIC = "public, no-cache"
PRIVATE = "private, no-cache"


@require_safe
def rendition(request, photo_id: int, size: str):
    """The live URL: the photo's state now; caches ask again on every use."""
    return _serve(request, photo_id, size, key=None)


@require_safe
def rendition_versioned(request, photo_id: int, key: str, size: str):
    """The versioned URL: immutable while the key is current, 404 once it is not."""
    return _serve(request, photo_id, size, key=key)


def _serve(request, photo_id: int, size: str, *, key: str | None) -> HttpResponse:
    if size not in RENDITION_SIZES:
        raise Http404(_("No such size."))
    found, public = _find(request, photo_id, size)
    if found is None or (key is not None and not key_matches(found.photo, key)):
        raise Http404(_("No such photo."))
    country = viewer_country(request)
    if photo_withheld_for(found.photo, country):
        return withheld(request, country)
    response = HttpResponse(content_type="image/jpeg")
    response["Cache-Control"] = _cache_control(public, versioned=key is not None)
    response["ETag"] = served_etag(found, found.photo, signed=_signing_configured())
    answered = get_conditional_response(request, etag=response["ETag"], response=response)
    if answered is not response:
        return answered  # 304 (or 412): the file is not opened
    return _with_body(request, response, found)


def public_not_modified(request, photo_id: int, key: str, size: str) -> HttpResponse | None:
    """The 304 for a revalidated public rendition whose key is current and whose ETag the
    request names, or None when the full view must decide (web.middleware_renditions)."""
    if size not in RENDITION_SIZES:
        return None
    found = rendition_public(photo_id, size)
    if found is None or found.photo.withheld_in or not key_matches(found.photo, key):
        return None
    response = HttpResponse(content_type="image/jpeg")
    response["Cache-Control"] = IMMUTABLE
    response["ETag"] = served_etag(found, found.photo, signed=_signing_configured())
    answered = get_conditional_response(request, etag=response["ETag"], response=response)
    return answered if answered.status_code == 304 else None


def _find(request, photo_id: int, size: str) -> tuple[Rendition | None, bool]:
    """The rendition, and whether it is public: seen by anyone, signed in or not, in every
    country. Public photos are looked up without the viewer, so the session is not read
    and the answer does not vary by cookie."""
    found = rendition_public(photo_id, size)
    if found is not None:
        return found, not found.photo.withheld_in
    return rendition_for_viewer(request.user, photo_id, size), False


def _cache_control(public: bool, *, versioned: bool) -> str:
    if not public:
        return PRIVATE
    return IMMUTABLE if versioned else REVALIDATE_PUBLIC


def _with_body(request, response: HttpResponse, found: Rendition) -> HttpResponse:
    with default_storage.open(found.file, "rb") as stored:
        # The photo's current consent goes into the file (XMP) and the headers (TDMRep).
        policy = request.build_absolute_uri(reverse("tdm_policy"))
        body, headers = rendition_signals(found.photo, stored.read(), policy_url=policy)
    response.content = body
    for name, value in headers.items():
        response[name] = value
    return robots_header(response, found.photo.owner)


def _signing_configured() -> bool:
    return bool(
        getattr(settings, "CANDID_C2PA_CERT_FILE", "")
        and getattr(settings, "CANDID_C2PA_KEY_FILE", "")
    )


@require_GET
def original(request, photo_id: int):
    """The original file, with all its metadata, is its owner's alone. On S3 the owner is
    sent to a presigned URL valid for CANDID_S3_PRESIGNED_SECONDS, so a large original does
    not hold a web process while it downloads. (Renditions are never redirected: their
    served bytes carry the consent, spliced in per request, which the stored file lacks.)"""
    photo = photo_owned_by(request.user, photo_id)
    if photo is None:
        raise Http404(_("No such photo."))
    name = f"candid-{photo.pk}.{photo.original.rsplit('.', 1)[-1]}"
    presigned = _presigned(photo.original, name)
    if presigned:
        response = HttpResponseRedirect(presigned)
    else:
        response = FileResponse(
            default_storage.open(photo.original, "rb"), as_attachment=True, filename=name
        )
    response["Cache-Control"] = "private, no-store"
    return response


def _presigned(stored: str, filename: str) -> str | None:
    seconds = settings.CANDID_S3_PRESIGNED_SECONDS
    if seconds <= 0 or not getattr(default_storage, "querystring_auth", False):
        return None  # the disk, or an S3 bucket whose URLs are not signed
    headers = {
        "ResponseContentDisposition": f'attachment; filename="{filename}"',
        "ResponseCacheControl": "private, no-store",
    }
    return default_storage.url(stored, parameters=headers, expire=seconds)

"""Serving renditions and originals through Django, so the visibility rules apply to
every image URL (a private photo's rendition answers 404 to everyone but its owner)."""

import hashlib

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.views.decorators.http import require_GET, require_safe

from consent.signals_http import rendition_signals
from core.geo import viewer_country
from photos.models import Visibility
from photos.pipeline import RENDITION_SIZES
from photos.selectors import photo_owned_by, photo_withheld_for, rendition_for_viewer
from web.views.photos import withheld

CONSENT_HEADERS = ("tdm-reservation", "tdm-policy", "X-Robots-Tag")


@require_safe
def rendition(request, photo_id: int, size: str):
    if size not in RENDITION_SIZES:
        raise Http404("No such size.")
    found = rendition_for_viewer(request.user, photo_id, size)
    if found is None:
        raise Http404("No such photo.")
    country = viewer_country(request)
    if photo_withheld_for(found.photo, country):
        return withheld(request, country)
    with default_storage.open(found.file, "rb") as stored:
        # The photo's current consent goes into the file (XMP) and the headers (TDMRep).
        policy = request.build_absolute_uri(reverse("tdm_policy"))
        body, headers = rendition_signals(found.photo, stored.read(), policy_url=policy)
    response = HttpResponse(body, content_type="image/jpeg", headers=headers)
    return _revalidated(request, response, found.photo)


def _revalidated(request, response: HttpResponse, photo) -> HttpResponse:
    """Caches must ask again on every use (`no-cache`): a photo made private, or whose
    consent changed (it is in the file's XMP and the TDMRep headers, the CDSM Directive
    Art. 4(3) opt-out), must not be served from a cache afterwards. The ETag covers the
    served bytes, the consent headers and the audience, so an unchanged rendition
    revalidates with a bodiless 304. (A C2PA-signed file differs on every signing, so
    with signing configured the answer is always a full 200: never stale, only larger.)

    Answers differ by country once a photo is withheld somewhere: shared caches must not
    serve one country's answer to another."""
    public = photo.visibility == Visibility.PUBLIC and not photo.withheld_in
    response["Cache-Control"] = "public, no-cache" if public else "private, no-cache"
    digest = hashlib.sha256()
    for name in (*CONSENT_HEADERS, "Cache-Control"):
        digest.update(f"{name}: {response.get(name, '')}\n".encode())
    digest.update(response.content)
    response["ETag"] = f'"{digest.hexdigest()[:32]}"'
    return get_conditional_response(request, etag=response["ETag"], response=response)


@require_GET
def original(request, photo_id: int):
    """The original file, with all its metadata, is its owner's alone."""
    photo = photo_owned_by(request.user, photo_id)
    if photo is None:
        raise Http404("No such photo.")
    name = f"candid-{photo.pk}.{photo.original.rsplit('.', 1)[-1]}"
    response = FileResponse(
        default_storage.open(photo.original, "rb"), as_attachment=True, filename=name
    )
    response["Cache-Control"] = "private, no-store"
    return response

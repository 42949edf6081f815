"""`GET /oembed?url=…&format=json`: oEmbed 1.0 (https://oembed.com) for public photos.

Answers `type: photo` with a versioned rendition that fits `maxwidth` × `maxheight`. Only
a photo anyone anywhere may see (photos.open_web) is embedded: any other, a sensitive one
or one that does not exist answers 404 alike, so an embed reveals nothing a visitor could
not see. Only JSON is served (501 for XML, as the specification asks), and a URL that is
not a Candid photo page, or a size that is not a positive whole number, answers 400
with a message.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import JsonResponse
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from photos.open_web import photo_open
from photos.pipeline import RENDITION_SIZES
from web.open_web import absolute_url
from web.templatetags.candid import rendition_height, rendition_url, rendition_width

CACHE_SECONDS = 300


class OEmbedError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


@require_safe
def oembed(request):
    try:
        if request.GET.get("format", "json") != "json":
            raise OEmbedError(501, _("Only the JSON format is served."))
        photo_id = _photo_id(request, request.GET.get("url", ""))
        bounds = _bound(request, "maxwidth"), _bound(request, "maxheight")
        photo = photo_open(photo_id)
        if photo is None or photo.sensitive:
            raise OEmbedError(404, _("There is no public photo at that address."))
        answer = _answer(photo, *bounds)
    except OEmbedError as error:
        return JsonResponse({"error": error.message}, status=error.status)
    response = JsonResponse(answer)
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    return response


def _photo_id(request, url: str) -> int:
    parts = urlsplit(url.strip())
    hosts = {urlsplit(settings.SITE_URL).netloc, request.get_host()}
    if parts.scheme not in ("http", "https") or parts.netloc not in hosts:
        raise OEmbedError(400, _("Give the address of a photo page on this site as “url”."))
    try:
        match = resolve(parts.path)
    except Resolver404:
        match = None
    if match is None or match.url_name != "photo":
        raise OEmbedError(400, _("Give the address of a photo page on this site as “url”."))
    return match.kwargs["photo_id"]


def _bound(request, name: str) -> int | None:
    value = request.GET.get(name, "").strip()
    if not value:
        return None
    if len(value) > 6 or not value.isascii() or not value.isdigit() or int(value) < 1:
        raise OEmbedError(400, _("%(name)s must be a positive whole number.") % {"name": name})
    return int(value)


def _answer(photo, max_width: int | None, max_height: int | None) -> dict:
    size = _fitting_size(photo, max_width, max_height)
    if size is None:
        raise OEmbedError(404, _("No image of this photo is that small."))
    return {
        "version": "1.0",
        "type": "photo",
        "title": photo.title or _("Untitled"),
        "author_name": photo.owner.name,
        "author_url": absolute_url(reverse("profile", args=[photo.owner.username])),
        "provider_name": "Candid",
        "provider_url": absolute_url("/"),
        "cache_age": CACHE_SECONDS,
        "url": absolute_url(rendition_url(photo, size)),
        "width": rendition_width(photo, size),
        "height": rendition_height(photo, size),
        "thumbnail_url": absolute_url(rendition_url(photo, "small")),
        "thumbnail_width": rendition_width(photo, "small"),
        "thumbnail_height": rendition_height(photo, "small"),
        "license": photo.licence_info.name,
        "license_url": photo.licence_info.url,
    }


def _fitting_size(photo, max_width: int | None, max_height: int | None) -> str | None:
    """The largest rendition within the bounds (the medium one when none are given)."""
    if max_width is None and max_height is None:
        return "medium"
    for size in sorted(RENDITION_SIZES, key=RENDITION_SIZES.get, reverse=True):
        if size not in photo.made_sizes:
            continue
        width, height = rendition_width(photo, size), rendition_height(photo, size)
        if width <= (max_width or width) and height <= (max_height or height):
            return size
    return None

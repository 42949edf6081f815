"""Fetching a photo from the address an export names (a Pixelfed export lists its
images' URLs only), when the member asked for it.

The URL comes from an uploaded file, so it is untrusted: every hop (redirects are
followed by hand) passes federation.fetch's guard against server-side request forgery
(https only, public addresses only; CANDID_FEDERATION_ALLOW_LOCAL lets tests use
127.0.0.1). The answer is bounded in size (CANDID_MAX_UPLOAD_BYTES, before and while
reading), in time, and must be an image by its type and its first bytes; the upload
pipeline then checks it fully. Any failure is a `MediaUnavailable` with a reason the
member reads on the summary: the item is skipped, the import goes on."""

import tempfile
import time
from collections.abc import Callable
from typing import IO
from urllib.parse import urljoin

import requests
from django.conf import settings
from django.utils.translation import gettext as _

from core.upload_limits import upload_dir_ensure
from federation.fetch import FetchRefused, address_allowed
from rights.movein.items import Unavailable

CHUNK = 64 * 1024
SPOOL = 8 * 1024 * 1024
MAX_REDIRECTS = 3
TIMEOUT_SECONDS = 10
TOTAL_SECONDS = 120
USER_AGENT = "Candid (move-in; +{site})"
# The first bytes of the formats the upload pipeline takes.
SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a")


class MediaUnavailable(Unavailable):
    """The image could not be fetched, or what came is not an acceptable image."""


def fetch_image(url: str, beat: Callable[[], None] = lambda: None) -> IO[bytes]:
    """The image at `url` in a temporary file (memory up to SPOOL bytes), at its start.
    `beat` is called as the bytes come (the import's lease heartbeat)."""
    for _hop in range(MAX_REDIRECTS + 1):
        beat()
        try:
            address_allowed(url)
        except FetchRefused:
            raise MediaUnavailable(
                _("Its address may not be fetched (only https to public servers): %(url)s")
                % {"url": url[:200]}
            ) from None
        response = _get(url)
        if not response.is_redirect:
            with response:
                return _body(response, beat)
        response.close()
        url = urljoin(url, response.headers.get("Location", ""))
    raise MediaUnavailable(_("Its server redirected too often."))


def _get(url: str) -> requests.Response:
    headers = {"Accept": "image/*", "User-Agent": USER_AGENT.format(site=settings.SITE_URL)}
    try:
        return requests.get(
            url, headers=headers, timeout=TIMEOUT_SECONDS, allow_redirects=False, stream=True
        )
    except requests.RequestException:
        raise MediaUnavailable(_("Its server could not be reached.")) from None


def _body(response: requests.Response, beat: Callable[[], None]) -> IO[bytes]:
    if response.status_code != 200:
        raise MediaUnavailable(
            _("Its server answered %(status)s: it no longer serves the image.")
            % {"status": response.status_code}
        )
    kind = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if kind and not kind.startswith("image/"):
        raise MediaUnavailable(_("Its server sent no image (%(type)s).") % {"type": kind[:60]})
    limit = settings.CANDID_MAX_UPLOAD_BYTES
    too_large = MediaUnavailable(
        _("The file is larger than the %(megabytes)s MB limit.")
        % {"megabytes": limit // (1024 * 1024)}
    )
    if int(response.headers.get("Content-Length") or 0) > limit:
        raise too_large
    copy = tempfile.SpooledTemporaryFile(max_size=SPOOL, dir=upload_dir_ensure())
    try:
        _copy(response, copy, limit, too_large, beat)
    except BaseException:
        copy.close()
        raise
    return copy


def _copy(
    response: requests.Response, copy, limit: int, too_large: Exception, beat: Callable[[], None]
) -> None:
    deadline, size = time.monotonic() + TOTAL_SECONDS, 0
    try:
        for chunk in response.iter_content(CHUNK):
            size += len(chunk)
            if size > limit:
                raise too_large
            if time.monotonic() > deadline:
                raise MediaUnavailable(_("Its server sent the image too slowly."))
            copy.write(chunk)
            beat()
    except requests.RequestException:
        raise MediaUnavailable(_("The connection to its server broke off.")) from None
    copy.seek(0)
    head = copy.read(16)
    copy.seek(0)
    if not _is_image(head):
        raise MediaUnavailable(_("What its server sent is not a photo Candid takes."))


def _is_image(head: bytes) -> bool:
    """JPEG, PNG, GIF, WebP or HEIF/AVIF by their first bytes."""
    if head.startswith(SIGNATURES):
        return True
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return True
    return head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"avif", b"msf1")

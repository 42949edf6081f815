"""Remote images shown here, fetched by Candid and kept in bounded storage, so members'
browsers never contact other servers (their address stays private, the CSP stays
`img-src 'self'`), unless a member chose to load them directly (image_links.py).

A page links an image through `proxy_url`, a signed token naming the image's URL and its
author: only URLs Candid itself put on a page are fetched (no open proxy). The first
request fetches it under fetch.py's SSRF guard (https, public addresses, each redirect
checked), at most MAX_BYTES, and keeps it only when Pillow reads it as a JPEG, PNG, GIF
or WebP image. The cache holds at most CANDID_MEDIA_CACHE_BYTES in all; past that the
least recently shown images go first. Remote images are served as they came, never
re-encoded into Candid's own originals. An author who is not indexable (Mastodon's
`indexable`, `discoverable`) gets `X-Robots-Tag: noindex, noai, noimageai` on the copy."""

import hashlib
import io
from datetime import timedelta
from urllib.parse import urljoin

import requests
from django.conf import settings
from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from PIL import Image, UnidentifiedImageError

from federation.domains import domain_of, media_rejected
from federation.fetch import (
    MAX_REDIRECTS,
    TIMEOUT_SECONDS,
    USER_AGENT,
    FetchRefused,
    address_allowed,
)
from federation.models import CachedMedia, RemoteActor
from federation.safe_http import public_request

SALT = "candid.federation.media"
MAX_BYTES = 10_000_000
MAX_PIXELS = 50_000_000
FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp"}
FOLDER = "remote-media"
TOUCH_EVERY = timedelta(hours=1)  # how stale `used_at` may be before a hit writes it
NOINDEX = "noindex, noai, noimageai"


def proxy_url(url: str, author: RemoteActor) -> str:
    token = signing.dumps([url, author.pk], salt=SALT, compress=True)
    return reverse("remote_media", args=[token])


def token_read(token: str) -> tuple[str, RemoteActor]:
    try:
        url, author_id = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError):
        raise FetchRefused("Not a media address of this server.") from None
    author = RemoteActor.objects.filter(pk=author_id).first()
    if author is None or not isinstance(url, str):
        raise FetchRefused("The author is no longer known here.")
    return url, author


def cached_media(url: str, author: RemoteActor) -> CachedMedia:
    """The stored copy, fetched now if there is none; FetchRefused when it cannot be.
    (A copy whose file went missing is dropped by the view, which then asks again.)"""
    if media_rejected(author.domain) or media_rejected(domain_of(url)):
        raise FetchRefused("This server does not show images from there.")
    media = CachedMedia.objects.filter(url=url).first()
    if media is not None:
        if timezone.now() - media.used_at > TOUCH_EVERY:
            CachedMedia.objects.filter(pk=media.pk).update(used_at=timezone.now())
        return media
    return _store(url, author, _fetch(url))


def not_indexable(actor: RemoteActor) -> bool:
    """Whether a proxied image gets `X-Robots-Tag: noindex`. Stricter on purpose than
    selectors.actor_indexable (which shows replies of people whose server does not say):
    a copy of someone's photo served from here is only offered to indexers when they said
    yes (`indexable: true`), since images are what AI datasets collect."""
    document = actor.document or {}
    return document.get("indexable") is not True or document.get("discoverable") is False


def _fetch(url: str) -> bytes:
    for _ in range(MAX_REDIRECTS + 1):
        address_allowed(url)
        try:
            response = public_request(
                "GET",
                url,
                headers={"User-Agent": USER_AGENT.format(site=settings.SITE_URL)},
                timeout=TIMEOUT_SECONDS,
                allow_redirects=False,
                stream=True,
            )
        except requests.RequestException as error:
            raise FetchRefused(f"{url}: {error.__class__.__name__}") from None
        with response:
            if response.is_redirect:
                url = urljoin(url, response.headers.get("Location", ""))
                continue
            if response.status_code != 200:
                raise FetchRefused(f"{url} answered {response.status_code}")
            return _bounded(response)
    raise FetchRefused(f"Too many redirects from {url}")


def _bounded(response: requests.Response) -> bytes:
    if int(response.headers.get("Content-Length") or 0) > MAX_BYTES:
        raise FetchRefused("The image is too large.")
    body = bytearray()
    for chunk in response.iter_content(64 * 1024):
        body += chunk
        if len(body) > MAX_BYTES:
            raise FetchRefused("The image is too large.")
    return bytes(body)


def _image_type(body: bytes) -> str:
    """The media type Pillow finds, for a whole image of bounded size; FetchRefused else."""
    try:
        with Image.open(io.BytesIO(body)) as image:
            kind = FORMATS.get(image.format or "")
            if kind is None or image.width * image.height > MAX_PIXELS:
                raise FetchRefused("Not an image of a kind shown here.")
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise FetchRefused("Not a readable image.") from None
    return kind


def _store(url: str, author: RemoteActor, body: bytes) -> CachedMedia:
    content_type = _image_type(body)
    name = f"{FOLDER}/{hashlib.sha256(url.encode()).hexdigest()}"
    if default_storage.exists(name):
        default_storage.delete(name)
    path = default_storage.save(name, ContentFile(body))
    now = timezone.now()
    fields = {
        "domain": domain_of(url),
        "path": path,
        "content_type": content_type,
        "size": len(body),
        "noindex": not_indexable(author),
        "used_at": now,
    }
    try:
        with transaction.atomic():
            media, _ = CachedMedia.objects.update_or_create(url=url, defaults=fields)
    except IntegrityError:  # fetched at the same moment by another request
        media = CachedMedia.objects.get(url=url)
    evict()
    return media


def evict(limit: int | None = None) -> int:
    """Drops the least recently shown copies until the cache holds at most `limit` bytes."""
    limit = settings.CANDID_MEDIA_CACHE_BYTES if limit is None else limit
    total = CachedMedia.objects.aggregate(total=Sum("size"))["total"] or 0
    dropped = 0
    while total > limit:
        oldest = list(
            CachedMedia.objects.order_by("used_at", "pk").values_list("pk", "path", "size")[:100]
        )
        if not oldest:
            break
        for pk, path, size in oldest:
            if total <= limit:
                break
            CachedMedia.objects.filter(pk=pk).delete()
            default_storage.delete(path)
            total -= size
            dropped += 1
    return dropped

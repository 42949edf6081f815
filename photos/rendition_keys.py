"""Versioned rendition URLs: `/r/<id>/<key>/<size>.jpg`, which a CDN may keep for a year.

The key is an HMAC (under SECRET_KEY) of everything that decides what the URL serves and
to whom:

- `rendition_version`: bumped when the renditions are rebuilt (a location choice) and when
  the photo's consent changes (photos.services.rendition_version_bump, called by every
  consent change), because the consent is in the served file (XMP, C2PA) and headers
  (TDMRep): a response cached under one key never carries stale consent;
- the audience: visibility, removal and the countries it is withheld in;
- the licence, which the served file names in its rights notice (consent.metadata). A
  change of the owner's public name, the notice's creator, bumps the version instead
  (accounts.services.profile_update).

So a photo made private, removed, withheld or withdrawn gets a new key at once, without
any writer having to remember it, and its old URL answers 404 at the origin. A key is
unguessable without the secret, so a private photo's key cannot be derived from the
public one it had. Rotating SECRET_KEY changes every key (caches fetch everything anew).
"""

import functools
import hashlib
import hmac

from django.conf import settings

KEY_LENGTH = 16


@functools.cache
def _secret(secret_key: str) -> bytes:
    return hashlib.sha256(b"candid.rendition-key:" + secret_key.encode()).digest()


def rendition_key(photo) -> str:
    """Sixteen hex digits naming one version of one photo's served renditions."""
    removed = "removed" if photo.removed_at else ""
    message = (
        f"{photo.pk}:{photo.rendition_version}:{photo.visibility}:{removed}:{photo.withheld_in}"
        f":{photo.licence}"
    )
    digest = hmac.new(_secret(settings.SECRET_KEY), message.encode(), hashlib.sha256)
    return digest.hexdigest()[:KEY_LENGTH]


def key_matches(photo, key: str) -> bool:
    return hmac.compare_digest(rendition_key(photo), key)


def stored_validator(rendition) -> str:
    """The rendition's stored digest; for one made before digests were kept, a digest of
    its storage path, which holds a random part new with every generation, so it still
    names this generation (and no file is read)."""
    return rendition.etag or hashlib.sha256(rendition.file.encode()).hexdigest()[:32]


def served_etag(rendition, photo, *, signed: bool) -> str:
    """The ETag of what is served: the stored file's digest and the photo's key (which
    covers the consent in the served file and headers, and the audience). Weak when C2PA
    signing is configured: each signing gives different bytes with the same meaning."""
    tag = f'"{stored_validator(rendition)}-{rendition_key(photo)}"'
    return f"W/{tag}" if signed else tag

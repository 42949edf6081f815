"""The public photos whose owners allowed every purpose: the only ones robots.txt and
tdmrep.json open to AI and dataset crawlers (everything else is reserved by default).

The list is bounded (OPEN_LIMIT, newest first) and kept in the cache under a version the
caller reads first, so a crawler's request costs a cache read; a photo beyond the bound
simply stays reserved, the safe side. Each candidate's consent is decided by the same
selector as its rendition headers (consents_effective_each), so the files and the headers
never disagree.
"""

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db.models import Count, Q

from consent.models import AccountConsent, PhotoConsent, Purpose
from consent.selectors.consent import consents_effective_each
from photos.selectors import photos_visible_to

OPEN_LIMIT = 5000
CACHE_SECONDS = 600


def photos_open_to_mining(version: str) -> list[int]:
    """Ids of public photos with no purpose refused, newest first, at most OPEN_LIMIT."""
    key = f"candid:open-to-mining:{version}"
    found = cache.get(key)
    if found is None:
        found = _open_photo_ids()
        cache.set(key, found, CACHE_SECONDS)
    return found


def _open_photo_ids() -> list[int]:
    purposes = list(Purpose.values)
    open_owners = (
        AccountConsent.objects.filter(allowed=True)
        .values("user_id")
        .annotate(allowed=Count("id"))
        .filter(allowed=len(purposes))
        .values("user_id")
    )
    allowed_here = PhotoConsent.objects.filter(allowed=True).values("photo_id")
    refused_here = PhotoConsent.objects.filter(allowed=False).values("photo_id")
    candidates = list(
        photos_visible_to(AnonymousUser())
        .filter(Q(owner_id__in=open_owners) | Q(pk__in=allowed_here))
        .exclude(pk__in=refused_here)
        .only("pk", "owner_id")
        .order_by("-pk")[:OPEN_LIMIT]
    )
    decided = consents_effective_each(photos=candidates, purposes=purposes)
    return [
        photo.pk
        for photo in candidates
        if all(decided[photo.pk, purpose].allowed for purpose in purposes)
    ]

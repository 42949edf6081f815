"""Reads that decide whether a photo may be used for a purpose. Every consumer (served
metadata and headers, dataset releases, the trainers' API, the lookup) asks here."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext

from consent.models import AccountConsent, ConsentChange, PhotoConsent, Purpose


@dataclass(frozen=True)
class Effective:
    allowed: bool
    signal: str  # "photo", "account", "default", or an override such as "depicted_person"
    since: datetime | None


def consent_effective_for(photo, purpose: str) -> Effective:
    return consents_effective(photos=[photo], purpose=purpose)[photo.pk]


def consents_effective(*, photos, purpose: str) -> dict[int, Effective]:
    """Bulk form for one purpose."""
    found = consents_effective_each(photos=photos, purposes=[purpose])
    return {photo_id: effective for (photo_id, _), effective in found.items()}


def consents_effective_each(*, photos, purposes: list[str]) -> dict[tuple[int, str], Effective]:
    """Bulk form for several purposes: two queries, plus the veto providers per purpose."""
    photos = list(photos)
    ids = [p.pk for p in photos]
    by_photo = {
        (c.photo_id, c.purpose): c
        for c in PhotoConsent.objects.filter(photo__in=ids, purpose__in=purposes)
    }
    by_owner = {
        (c.user_id, c.purpose): c
        for c in AccountConsent.objects.filter(
            user_id__in={p.owner_id for p in photos}, purpose__in=purposes
        )
    }
    vetoed = _vetoes(ids)
    result = {}
    for purpose in purposes:
        for photo in photos:
            result[photo.pk, purpose] = _decide(
                vetoed.get(photo.pk),
                by_photo.get((photo.pk, purpose)),
                by_owner.get((photo.owner_id, purpose)),
            )
    return result


def _decide(veto, photo_row, account_row) -> Effective:
    if veto:
        return Effective(False, veto[0], veto[1])
    if photo_row:
        return Effective(photo_row.allowed, "photo", photo_row.updated_at)
    if account_row:
        return Effective(account_row.allowed, "account", account_row.updated_at)
    return Effective(False, "default", None)


def account_consents(user) -> dict[str, bool]:
    stored = dict(AccountConsent.objects.filter(user=user).values_list("purpose", "allowed"))
    return {purpose: stored.get(purpose, False) for purpose in Purpose.values}


def consent_history(user):
    return ConsentChange.objects.filter(user=user).order_by("-changed_at", "-id")


VETO_PROVIDERS: list = []


def _vetoes(photo_ids: list[int]) -> dict[int, tuple[str, datetime]]:
    """Overrides that beat the owner's consent for every purpose, e.g. an approved
    depicted-person exclusion. Apps register a callable(photo_ids) -> {photo_id: (signal,
    since)} here."""
    found: dict = {}
    for provider in VETO_PROVIDERS:
        found.update(provider(photo_ids))
    return found


def ai_crawlers_blocked() -> bool:
    """robots.txt's choice: blocked unless an operator allowed them (`robots_ai --allow`)."""
    from consent.models import CrawlerPolicy

    stored = CrawlerPolicy.objects.filter(pk=1).values_list("block_ai_crawlers", flat=True)
    return next(iter(stored), True)


def consent_state(photo) -> dict[str, bool]:
    """Whether each purpose is allowed for `photo` (overrides and vetoes applied). Asked on
    every rendition served, so it costs one pass over all purposes."""
    return consent_states([photo])[photo.pk]


def consent_states(photos) -> dict[int, dict[str, bool]]:
    """consent_state for a page of photos in one pass (a federation outbox page)."""
    found = consents_effective_each(photos=photos, purposes=list(Purpose.values))
    return {
        photo.pk: {purpose: found[photo.pk, purpose].allowed for purpose in Purpose.values}
        for photo in photos
    }


def photo_overrides(photo) -> dict[str, bool | None]:
    """The photo's own choices; `None` where it follows the account setting."""
    stored = dict(PhotoConsent.objects.filter(photo=photo).values_list("purpose", "allowed"))
    return {purpose: stored.get(purpose) for purpose in Purpose.values}


def withdrawal_photos(*, user, scope: str, object_id: int | None):
    """The photos one withdrawal covers: `None` for the whole account (every photo, now
    and future), an album's photos, or one photo, always the user's own, including any a
    moderator removed (they may already be in delivered releases)."""
    from core.errors import NotFound
    from photos.selectors import album_owned_by, album_photos_owned, photo_owned_by

    if scope == "account":
        return None
    if scope == "album":
        album = album_owned_by(user, object_id or 0)
        if album is None:
            raise NotFound(gettext("Choose one of your albums."))
        return list(album_photos_owned(album))
    photo = photo_owned_by(user, object_id or 0)
    if photo is None:
        raise NotFound(
            gettext("Give the number of one of your photos (it is in the photo's link).")
        )
    return [photo]

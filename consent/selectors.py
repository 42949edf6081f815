"""Reads that decide whether a photo may be used for a purpose. Every consumer (served
metadata and headers, dataset releases, the trainers' API, the lookup) asks here."""

from dataclasses import dataclass
from datetime import datetime

from consent.models import AccountConsent, ConsentChange, PhotoConsent, Purpose


@dataclass(frozen=True)
class Effective:
    allowed: bool
    signal: str  # "photo", "account", "default", or an override such as "depicted_person"
    since: datetime | None


def consent_effective_for(photo, purpose: str) -> Effective:
    return consents_effective(photos=[photo], purpose=purpose)[photo.pk]


def consents_effective(*, photos, purpose: str) -> dict[int, Effective]:
    """Bulk form: three queries whatever the number of photos."""
    photos = list(photos)
    by_photo = {
        c.photo_id: c
        for c in PhotoConsent.objects.filter(photo__in=[p.pk for p in photos], purpose=purpose)
    }
    by_owner = {
        c.user_id: c
        for c in AccountConsent.objects.filter(
            user_id__in={p.owner_id for p in photos}, purpose=purpose
        )
    }
    vetoed = _vetoes([p.pk for p in photos], purpose)
    result = {}
    for photo in photos:
        if photo.pk in vetoed:
            result[photo.pk] = Effective(False, vetoed[photo.pk][0], vetoed[photo.pk][1])
        elif photo.pk in by_photo:
            row = by_photo[photo.pk]
            result[photo.pk] = Effective(row.allowed, "photo", row.updated_at)
        elif photo.owner_id in by_owner:
            row = by_owner[photo.owner_id]
            result[photo.pk] = Effective(row.allowed, "account", row.updated_at)
        else:
            result[photo.pk] = Effective(False, "default", None)
    return result


def account_consents(user) -> dict[str, bool]:
    stored = dict(AccountConsent.objects.filter(user=user).values_list("purpose", "allowed"))
    return {purpose: stored.get(purpose, False) for purpose in Purpose.values}


def consent_history(user):
    return ConsentChange.objects.filter(user=user).order_by("-changed_at", "-id")


VETO_PROVIDERS: list = []


def _vetoes(photo_ids: list[int], purpose: str) -> dict[int, tuple[str, datetime]]:
    """Overrides that beat the owner's consent, e.g. an approved depicted-person exclusion.
    Apps register a callable(photo_ids, purpose) -> {photo_id: (signal, since)} here."""
    found: dict = {}
    for provider in VETO_PROVIDERS:
        found.update(provider(photo_ids, purpose))
    return found


def ai_crawlers_blocked() -> bool:
    """robots.txt's choice: blocked unless an operator allowed them (`robots_ai --allow`)."""
    from consent.models import CrawlerPolicy

    stored = CrawlerPolicy.objects.filter(pk=1).values_list("block_ai_crawlers", flat=True)
    return next(iter(stored), True)


def consent_state(photo) -> dict[str, bool]:
    """Whether each purpose is allowed for `photo` (overrides and vetoes applied)."""
    return {
        purpose: consents_effective(photos=[photo], purpose=purpose)[photo.pk].allowed
        for purpose in Purpose.values
    }


def photo_overrides(photo) -> dict[str, bool | None]:
    """The photo's own choices; `None` where it follows the account setting."""
    stored = dict(PhotoConsent.objects.filter(photo=photo).values_list("purpose", "allowed"))
    return {purpose: stored.get(purpose) for purpose in Purpose.values}

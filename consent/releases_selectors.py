"""Reads for datasets and releases: which photos may enter a release, and the frozen
manifests. Eligibility asks photos.selectors (public, not removed) and consent.selectors
(the owner's consent, beaten by any veto such as a depicted person's objection)."""

from collections.abc import Iterator

from django.db.models import QuerySet

from consent.models import Dataset, Release, ReleaseItem
from consent.selectors import Effective, consents_effective
from photos.licences import LICENCES
from photos.models import Photo
from photos.selectors import photos_visible_to

CHUNK = 1000


def licences_fitting(dataset: Dataset) -> list[str]:
    """ "All rights reserved" never fits; a commercial purpose excludes NonCommercial
    licences; a dataset that needs derivatives excludes NoDerivatives licences."""
    return [
        lic.code
        for lic in LICENCES.values()
        if lic.code != "arr"
        and (lic.commercial or not dataset.commercial)
        and (lic.derivatives or not dataset.needs_derivatives)
    ]


def release_candidates(dataset: Dataset) -> Iterator[tuple[Photo, Effective]]:
    """Every photo that may enter a release of `dataset` now, with its consent state.
    Public, not removed, licence fits, and the purpose allowed: in chunks, so a build
    costs a handful of queries per thousand photos."""
    photos = (
        photos_visible_to(None)
        .filter(licence__in=licences_fitting(dataset))
        .prefetch_related("renditions")
        .order_by("pk")
    )
    last = 0
    while True:
        chunk = list(photos.filter(pk__gt=last)[:CHUNK])
        if not chunk:
            return
        last = chunk[-1].pk
        effective = consents_effective(photos=chunk, purpose=dataset.purpose)
        for photo in chunk:
            if effective[photo.pk].allowed:
                yield photo, effective[photo.pk]


def datasets_all() -> QuerySet[Dataset]:
    return Dataset.objects.all()


def dataset_get(dataset_id: int) -> Dataset | None:
    return Dataset.objects.filter(pk=dataset_id).first()


def releases_of(dataset: Dataset) -> QuerySet[Release]:
    return dataset.releases.order_by("-number")


def release_get(release_id: int) -> Release | None:
    return Release.objects.select_related("dataset").filter(pk=release_id).first()


def release_items(release: Release) -> QuerySet[ReleaseItem]:
    return ReleaseItem.objects.filter(release=release).order_by("photo_ref")


def manifest_row(item: ReleaseItem) -> dict:
    return {
        "photo_id": item.photo_ref,
        "rendition_url": item.rendition_url,
        "licence": item.licence,
        "licence_url": LICENCES[item.licence].url if item.licence in LICENCES else "",
        "attribution": item.attribution,
        "sha256": item.sha256,
        "pdq_hash": item.pdq_hash,
        "consent": {
            "allowed": item.consent_allowed,
            "signal": item.consent_signal,
            "since": item.consent_since.isoformat() if item.consent_since else None,
        },
    }


def manifest_rows(release: Release) -> Iterator[dict]:
    for item in release_items(release).iterator(chunk_size=2000):
        yield manifest_row(item)


def release_header(release: Release) -> dict:
    return {
        "dataset": release.dataset.name,
        "release": release.number,
        "purpose": release.dataset.purpose,
        "commercial": release.dataset.commercial,
        "needs_derivatives": release.dataset.needs_derivatives,
        "built_at": release.built_at.isoformat() if release.built_at else None,
        "rows": release.row_count,
    }

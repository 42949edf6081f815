"""Reads for datasets and releases: which photos may enter a release, and the frozen
manifests. Eligibility asks photos.selectors (public, not removed) and consent.selectors.consent
(the owner's consent, beaten by any veto such as a depicted person's approved objection);
a photo with an objection not yet decided waits outside (consent.services.depicted)."""

from collections.abc import Iterable, Iterator

from django.db.models import QuerySet

from consent.models import Dataset, Release, ReleaseItem
from consent.selectors.consent import Effective, consents_effective, consents_effective_each
from consent.services.depicted import depicted_pending
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
    Public, not removed, licence fits, no depicted person's objection open, and the
    purpose allowed: in chunks, so a build costs a handful of queries per thousand
    photos."""
    photos = (
        photos_visible_to(None)
        .filter(licence__in=licences_fitting(dataset))
        .exclude(pk__in=depicted_pending())
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


def manifest_rows_deliverable(release: Release) -> Iterator[dict]:
    """The manifest as a licensee downloading it now receives it: without the rows whose
    photo was since refused for the dataset's purpose (a withdrawal, or a depicted
    person's approved objection) or deleted. Withdrawn consent covers every later use
    (GDPR Art. 7(3)), so a first download after the withdrawal must not hand the photo
    out; its id and hashes reach the licensee as a deletion notice instead
    (consent.services.propagation.propagate_release). A handful of queries per thousand rows."""
    purpose = release.dataset.purpose
    items = release_items(release)
    last = 0
    while True:
        chunk = list(items.filter(photo_ref__gt=last)[:CHUNK])
        if not chunk:
            return
        last = chunk[-1].photo_ref
        refused = refs_refused({i.photo_ref for i in chunk}, {purpose})
        for item in chunk:
            if (item.photo_ref, purpose) not in refused:
                yield manifest_row(item)


def refs_refused(refs: Iterable[int], purposes: Iterable[str]) -> set[tuple[int, str]]:
    """(photo id, purpose) pairs among `refs` that may no longer be used: the purpose is
    refused now (vetoes included), or the photo is gone, which counts as refused for every
    purpose."""
    refs, purposes = set(refs), set(purposes)
    photos = list(Photo.objects.filter(pk__in=refs))
    gone = refs - {p.pk for p in photos}
    result = {(ref, purpose) for ref in gone for purpose in purposes}
    effective = consents_effective_each(photos=photos, purposes=list(purposes))
    return result | {key for key, e in effective.items() if not e.allowed}


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

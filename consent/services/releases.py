"""Writes for datasets and releases (staff only; publishing is for admins, since it makes
a manifest downloadable by licensees). A release is built once and then frozen."""

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import CharField, Max, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from accounts.models import User
from accounts.permissions import ensure_moderator
from consent.models import Dataset, Purpose, Release, ReleaseItem
from consent.selectors.consent import Effective
from consent.selectors.releases import refs_refused, release_candidates
from consent.services.consent import history_hold
from consent.states.releases import RELEASE
from core.errors import PermissionDenied, ServiceError
from core.events import event_record
from core.faults import pause_point
from photos.licences import LICENCES
from photos.models import Photo

BATCH = 1000


def ensure_admin(user) -> None:
    ensure_moderator(user)
    if user.role != User.Role.ADMIN:
        raise PermissionDenied(gettext("Only administrators can do this."))


def dataset_create(
    *,
    actor: User,
    name: str,
    purpose: str,
    commercial: bool,
    needs_derivatives: bool,
    description: str = "",
) -> Dataset:
    ensure_moderator(actor)
    name = name.strip()
    if not name or len(name) > 120:
        raise ServiceError(gettext("A dataset needs a name of at most 120 characters."))
    if purpose not in Purpose.values:
        raise ServiceError(
            gettext("Unknown purpose “%(purpose)s”. Choose one of %(known)s.")
            % {"purpose": purpose, "known": ", ".join(Purpose.values)}
        )
    if Dataset.objects.filter(name__iexact=name).exists():
        raise ServiceError(gettext("A dataset named “%(name)s” exists already.") % {"name": name})
    with transaction.atomic():
        dataset = Dataset.objects.create(
            name=name,
            description=description,
            purpose=purpose,
            commercial=commercial,
            needs_derivatives=needs_derivatives,
            created_by=actor,
            created_at=timezone.now(),
        )
        event_record(
            kind="dataset.created",
            actor=actor,
            subject=dataset,
            data={"purpose": purpose, "commercial": commercial, "derivatives": needs_derivatives},
        )
    return dataset


def release_build(*, actor: User | None, dataset: Dataset) -> Release:
    """Numbers a new release and freezes the manifest of every photo eligible now.
    `actor` None is the operator's command line.

    One transaction: a build whose process dies leaves nothing behind, so it needs no
    lease (core.leases). A withdrawal that commits while the rows are frozen is seen by
    `_drop_withdrawn` at the end; one that comes later waits for the build to commit and
    then reaches licensees like any other. `release.withdrawn_meanwhile` tells how many
    photos were left out that way."""
    if actor is not None:
        ensure_moderator(actor)
    with transaction.atomic():
        _dataset_lock(dataset)
        number = (dataset.releases.aggregate(n=Max("number"))["n"] or 0) + 1
        release = Release.objects.create(dataset=dataset, number=number, created_at=timezone.now())
        refs = _freeze(release, dataset)
        pause_point("release.frozen")
        dropped = _drop_withdrawn(release, dataset, refs)
        count = len(refs) - dropped
        _move(release, "built", built_at=timezone.now(), row_count=count)
        data = {"rows": count, "n": number, "withdrawn_meanwhile": dropped}
        event_record(kind="release.built", actor=actor, subject=release, data=data)
    release.withdrawn_meanwhile = dropped
    return release


def _dataset_lock(dataset: Dataset) -> None:
    """One build of a dataset at a time; a second is refused at once, not kept waiting."""
    try:
        Dataset.objects.select_for_update(nowait=True).filter(pk=dataset.pk).first()
    except DatabaseError as exc:
        message = gettext("A release of “%(name)s” is being built right now. Try again later.")
        raise ServiceError(message % {"name": dataset.name}) from exc


def _freeze(release: Release, dataset: Dataset) -> list[int]:
    """Writes the rows in batches; returns the photo ids frozen."""
    rows, refs = [], []
    for photo, effective in release_candidates(dataset):
        rows.append(_item(release, photo, effective))
        if len(rows) >= BATCH:
            refs += [row.photo_ref for row in ReleaseItem.objects.bulk_create(rows)]
            rows = []
    return refs + [row.photo_ref for row in ReleaseItem.objects.bulk_create(rows)]


def _drop_withdrawn(release: Release, dataset: Dataset, refs: list[int]) -> int:
    """Takes the consent lock (consent.services.history_hold), so no consent change
    commits until this build has, and removes the rows whose photo was withdrawn, vetoed
    or deleted since they were frozen."""
    history_hold()
    dropped = 0
    for start in range(0, len(refs), BATCH):
        refused = refs_refused(refs[start : start + BATCH], [dataset.purpose])
        if refused:
            gone = [ref for ref, _purpose in refused]
            dropped += release.items.filter(photo_ref__in=gone).delete()[0]
    return dropped


def release_publish(*, actor: User | None, release: Release) -> Release:
    """Makes the manifest downloadable by licensees of the dataset. Admins only (or the
    operator's command line, `actor` None)."""
    if actor is not None:
        ensure_admin(actor)
    with transaction.atomic():
        _move(release, "published", published_at=timezone.now())
        event_record(kind="release.published", actor=actor, subject=release)
    return release


def release_withdraw(*, actor: User, release: Release) -> Release:
    """Stops further downloads. Licensees that hold a copy are told to delete rows by the
    deletion notices of the photos concerned, not by this."""
    ensure_admin(actor)
    with transaction.atomic():
        _move(release, "withdrawn", withdrawn_at=timezone.now())
        event_record(kind="release.withdrawn", actor=actor, subject=release)
    return release


def _move(release: Release, state: str, **fields) -> None:
    current = Release.objects.select_for_update().get(pk=release.pk).state
    RELEASE.check(current, state)
    release.state = state
    for name, value in fields.items():
        setattr(release, name, value)
    release.save(update_fields=["state", *fields])


def _item(release: Release, photo: Photo, effective: Effective) -> ReleaseItem:
    return ReleaseItem(
        release=release,
        photo=photo,
        photo_ref=photo.pk,
        owner_ref=photo.owner_id,
        rendition_url=rendition_url(photo),
        licence=photo.licence,
        attribution=attribution(photo),
        sha256=photo.sha256,
        pdq_hash=photo.pdq_hash,
        consent_allowed=effective.allowed,
        consent_signal=effective.signal,
        consent_since=effective.since,
    )


def rendition_url(photo: Photo) -> str:
    """The largest rendition the photo has (renditions prefetched), as an absolute URL."""
    sizes = {r.size: r.width for r in photo.renditions.all()}
    size = max(sizes, key=sizes.get) if sizes else "large"
    path = reverse("rendition", args=[photo.pk, size])
    return f"{settings.SITE_URL}{path}?v={photo.rendition_version}"


def attribution(photo: Photo) -> str:
    licence = LICENCES[photo.licence]
    title = photo.title or f"Photo {photo.pk}"
    page = settings.SITE_URL + reverse("photo", args=[photo.pk])
    credit = f"“{title}” by {photo.owner.display_name or photo.owner.username} ({page})"
    return f"{credit}, {licence.name}" + (f" {licence.url}" if licence.url else "")


def attribution_erased() -> Concat:
    """The attribution of a frozen row once its author erased their account
    (consent.privacy), as an update expression: "Photo 123 (author's account deleted)",
    no name, no title. The row's ids, licence and hashes stay, so deletion notices still
    name it."""
    return Concat(
        Value("Photo "),
        Cast("photo_ref", CharField()),
        Value(" (author's account deleted)"),
        output_field=CharField(),
    )

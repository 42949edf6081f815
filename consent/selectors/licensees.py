"""Reads for licensees: token authentication, what a licensee may download, its deletion
notices, and the owner's view of where each of their photos went."""

from collections import defaultdict

from django.db.models import Count, Min, QuerySet

from accounts.services import hash_token
from consent.models import (
    DeletionNotice,
    DeletionNoticeItem,
    Licensee,
    Release,
    ReleaseDelivery,
    ReleaseItem,
)
from photos.models import Photo

TOKEN_PREFIX = "cdl_"  # noqa: S105 (a public prefix, not a secret)


def licensee_authenticate(secret: str) -> Licensee | None:
    if not secret.startswith(TOKEN_PREFIX):
        return None
    return Licensee.objects.filter(token_hash=hash_token(secret), active=True).first()


def licensees_all() -> QuerySet[Licensee]:
    return Licensee.objects.prefetch_related("datasets")


def releases_for_licensee(licensee: Licensee) -> QuerySet[Release]:
    """Published releases of the datasets the licensee's agreed terms cover."""
    return (
        Release.objects.filter(state="published", dataset__licensees=licensee)
        .select_related("dataset")
        .order_by("-published_at", "-id")
    )


def release_for_licensee(licensee: Licensee, release_id: int) -> Release | None:
    return releases_for_licensee(licensee).filter(pk=release_id).first()


def notices_of(licensee: Licensee) -> QuerySet[DeletionNotice]:
    return (
        DeletionNotice.objects.filter(licensee=licensee)
        .select_related("release__dataset")
        .prefetch_related("items")
    )


def notice_get(notice_id: int) -> DeletionNotice | None:
    return (
        DeletionNotice.objects.select_related("licensee", "release__dataset")
        .filter(pk=notice_id)
        .first()
    )


def deliveries_of(release: Release) -> QuerySet[ReleaseDelivery]:
    return release.deliveries.select_related("licensee")


def withdrawals_of(user) -> list[dict]:
    """Per photo of `user` that any release held: every release, every licensee that
    received it (first download), and the state of that licensee's deletion notice.
    Five queries whatever the number of photos."""
    items = list(
        ReleaseItem.objects.filter(owner_ref=user.pk)
        .select_related("release__dataset")
        .order_by("photo_ref", "release_id")
    )
    refs = {item.photo_ref for item in items}
    release_ids = {item.release_id for item in items}
    received = defaultdict(list)
    for row in (
        ReleaseDelivery.objects.filter(release_id__in=release_ids)
        .values("release_id", "licensee_id", "licensee__organisation")
        .annotate(first=Min("delivered_at"))
        .order_by("licensee__organisation")
    ):
        received[row["release_id"]].append(row)
    notices = {
        (n.licensee_id, n.release_id, n.photo_ref): n.notice
        for n in DeletionNoticeItem.objects.filter(
            photo_ref__in=refs, release_id__in=release_ids
        ).select_related("notice")
    }
    titles = dict(Photo.objects.filter(pk__in=refs, owner=user).values_list("pk", "title"))
    photos: dict[int, dict] = {}
    for item in items:
        entry = photos.setdefault(
            item.photo_ref,
            {"photo_id": item.photo_ref, "title": titles.get(item.photo_ref), "releases": []},
        )
        entry["exists"] = item.photo_ref in titles
        entry["releases"].append(_release_entry(item, received, notices))
    return list(photos.values())


def _release_entry(item: ReleaseItem, received: dict, notices: dict) -> dict:
    release = item.release
    licensees = []
    for row in received[release.pk]:
        notice = notices.get((row["licensee_id"], release.pk, item.photo_ref))
        licensees.append(
            {
                "organisation": row["licensee__organisation"],
                "received_at": row["first"],
                "notice": None
                if notice is None
                else {
                    "id": notice.pk,
                    "state": notice.state,
                    "sent_at": notice.sent_at,
                    "acknowledged_at": notice.acknowledged_at,
                },
            }
        )
    return {
        "release_id": release.pk,
        "dataset": release.dataset.name,
        "number": release.number,
        "purpose": release.dataset.purpose,
        "built_at": release.built_at,
        "licensees": licensees,
    }


def deletion_notices_open_by_state() -> dict[str, int]:
    """Unacknowledged deletion notices per state, for /metrics; `escalated` ones are the
    failed deliveries (every reminder went unanswered). One grouped query."""
    rows = (
        DeletionNotice.objects.exclude(state="acknowledged")
        .order_by()
        .values("state")
        .annotate(n=Count("pk"))
    )
    counts = dict.fromkeys(("sent", "reminded", "escalated"), 0)
    counts.update({row["state"]: row["n"] for row in rows})
    return counts

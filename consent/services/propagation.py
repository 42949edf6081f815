"""Withdrawal that propagates: every licensee that received a release holding a withdrawn
photo gets a deletion notice (ids and hashes to delete), by email and through the API.

`propagate_withdrawal` is registered in consent.services.hooks.WITHDRAWAL_HOOKS. It is
idempotent: the hooks may report the same photos more than once (a whole-account
withdrawal does), and a photo is asked for at most once per licensee and release
(DeletionNoticeItem's unique constraint). It re-reads the effective consent, so a photo
whose consent was restored before the hook ran, or whose purpose differs from the
dataset's, is left alone; a photo deleted meanwhile counts as withdrawn.

`propagate_release` runs after every manifest download, so a licensee whose first
download came after a withdrawal is told as well (its copy left those rows out)."""

from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from consent.models import (
    DeletionNotice,
    DeletionNoticeItem,
    Licensee,
    Release,
    ReleaseDelivery,
    ReleaseItem,
)
from consent.notify.deletion_notices import ack_url, send_after_commit
from consent.selectors.releases import refs_refused
from core.events import event_record

CHUNK = 1000


def propagate_withdrawal(photo_ids: list[int], purposes: list[str]) -> list[DeletionNotice]:
    ids = sorted(set(photo_ids))
    notices: list[DeletionNotice] = []
    for start in range(0, len(ids), CHUNK):
        notices += _propagate_chunk(ids[start : start + CHUNK], purposes)
    return notices


def propagate_sweep() -> int:
    """Safety net run by `deletion_reminders`: re-checks every delivered release row
    against today's consent, so a hook that failed (or an override registered without a
    hook) still reaches the licensees. Returns the number of notices sent."""
    sent = 0
    delivered = Release.objects.filter(deliveries__isnull=False).distinct()
    for release in delivered.select_related("dataset"):
        sent += len(propagate_release(release))
    return sent


def propagate_release(release: Release) -> list[DeletionNotice]:
    """Every row of `release` whose photo may no longer be used (refused for the dataset's
    purpose, vetoed, or deleted) to every licensee that received the release."""
    refs = list(ReleaseItem.objects.filter(release=release).values_list("photo_ref", flat=True))
    notices: list[DeletionNotice] = []
    for start in range(0, len(refs), CHUNK):
        chunk = refs[start : start + CHUNK]
        notices += _propagate_chunk(chunk, [release.dataset.purpose], release=release)
    return notices


def _propagate_chunk(
    ids: list[int], purposes: list[str], *, release: Release | None = None
) -> list[DeletionNotice]:
    """`release` limits the rows to that release's; otherwise every release's."""
    rows = ReleaseItem.objects.filter(photo_ref__in=ids, release__dataset__purpose__in=purposes)
    if release is not None:
        rows = rows.filter(release=release)
    items = list(rows.select_related("release__dataset"))
    if not items:
        return []
    refused = refs_refused({i.photo_ref for i in items}, {i.release.dataset.purpose for i in items})
    items = [i for i in items if (i.photo_ref, i.release.dataset.purpose) in refused]
    receivers = defaultdict(set)
    for release_id, licensee_id in ReleaseDelivery.objects.filter(
        release_id__in={i.release_id for i in items}
    ).values_list("release_id", "licensee_id"):
        receivers[release_id].add(licensee_id)
    wanted = defaultdict(list)  # (licensee_id, release_id) -> items
    for item in items:
        for licensee_id in receivers[item.release_id]:
            wanted[(licensee_id, item.release_id)].append(item)
    return [
        notice
        for (licensee_id, release_id), rows in sorted(wanted.items())
        if (notice := _notice_send(licensee_id, release_id, rows)) is not None
    ]


def _notice_send(licensee_id: int, release_id: int, rows: list[ReleaseItem]):
    with transaction.atomic():
        licensee = Licensee.objects.select_for_update().get(pk=licensee_id)
        already = set(
            DeletionNoticeItem.objects.filter(
                licensee_id=licensee_id,
                release_id=release_id,
                photo_ref__in=[r.photo_ref for r in rows],
            ).values_list("photo_ref", flat=True)
        )
        rows = [r for r in rows if r.photo_ref not in already]
        if not rows:
            return None
        notice = DeletionNotice.objects.create(
            licensee=licensee, release_id=release_id, sent_at=timezone.now()
        )
        DeletionNoticeItem.objects.bulk_create(
            DeletionNoticeItem(
                notice=notice,
                licensee_id=licensee_id,
                release_id=release_id,
                photo_ref=r.photo_ref,
                sha256=r.sha256,
                pdq_hash=r.pdq_hash,
            )
            for r in rows
        )
        event_record(
            kind="deletion_notice.sent",
            subject=notice,
            data={"licensee": licensee_id, "release": release_id, "photos": len(rows)},
        )
        release = rows[0].release
        send_after_commit(
            to=[licensee.contact_email],
            template="deletion_notice",
            context={
                "notice": notice,
                "licensee": licensee,
                "release": release,
                "rows": rows[:MAX_MAILED_ROWS],
                "more": max(0, len(rows) - MAX_MAILED_ROWS),
                "count": len(rows),
                "ack_url": ack_url(notice.pk),
            },
        )
    return notice


MAX_MAILED_ROWS = 500

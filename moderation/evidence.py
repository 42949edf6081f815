"""What a moderator sees before deciding (issue 17): the owner's record (active strikes,
earlier cases about their content), copies of the photo among Candid's photos (the same
file by SHA-256, or a PDQ match) with the likely original, and the open cases a bulk
decision may cover (the same photo elsewhere, or the same wave of notices).

The PDQ search is the consent lookup's in-memory index (consent/lookup/pdq_index.py) over
photos.Photo's hashes instead of release rows: one per process, loading new photos
incrementally; a hit is re-checked against the photo's stored hash, so a stale row never
matches."""

import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
from django.db.models import Q
from django.utils import timezone

from consent.lookup.pdq_index import THRESHOLD, PdqIndex, Source
from moderation.models import Case, Notice, Strike

WAVE_HOURS = 24
MATCH_LIMIT = 20
RELATED_LIMIT = 50
RELATED_STATES = ("open",)

_index: PdqIndex | None = None
_index_lock = threading.Lock()


def photo_index() -> PdqIndex:
    global _index
    with _index_lock:
        if _index is None:
            from photos.models import Photo

            _index = PdqIndex([Source(0, "photo", Photo._meta.db_table, "pdq_hash")])
    return _index


def reset_photo_index() -> None:
    """For tests: each test has its own database."""
    global _index
    with _index_lock:
        _index = None


@dataclass
class Match:
    photo: object
    distance: int  # 0 for the same file
    same_file: bool


def photo_matches(photo) -> list[Match]:
    """Other photos that are this one: the same file (SHA-256) or within PDQ's match
    distance, oldest upload first (the first is the likely original)."""
    from photos.models import Photo

    distances: dict[int, int] = {}
    if _is_hash(photo.pdq_hash):
        index = photo_index()
        index.ensure_fresh()
        query = np.frombuffer(bytes.fromhex(photo.pdq_hash), dtype=np.uint8).reshape(1, 32)
        distances = {hit.row_id: hit.distance for hit in index.search(query)}
    candidates = (
        Photo.objects.filter(Q(pk__in=list(distances)) | Q(sha256=photo.sha256))
        .exclude(pk=photo.pk)
        .select_related("owner")
        .order_by("created_at", "pk")[:MATCH_LIMIT]
    )
    matches = []
    for other in candidates:
        same = other.sha256 == photo.sha256
        distance = 0 if same else _distance(photo.pdq_hash, other.pdq_hash)
        if same or distance <= THRESHOLD:
            matches.append(Match(other, distance, same))
    return matches


def likely_original(photo, matches: list[Match]):
    """The earliest upload among the photo and its matches."""
    return min([photo, *(m.photo for m in matches)], key=lambda p: (p.created_at, p.pk))


def _is_hash(value: str) -> bool:
    try:
        return len(bytes.fromhex(value or "")) == 32
    except ValueError:
        return False


def _distance(a: str, b: str) -> int:
    if not (_is_hash(a) and _is_hash(b)):
        return 256
    return (int(a, 16) ^ int(b, 16)).bit_count()


@dataclass
class OwnerRecord:
    strikes: list
    cases: list


def owner_record(owner, *, exclude_case: int) -> OwnerRecord:
    """The owner's active strikes and their last cases, shown before deciding."""
    if owner is None:
        return OwnerRecord([], [])
    strikes = Strike.objects.filter(
        user=owner, removed_at__isnull=True, expires_at__gt=timezone.now()
    ).order_by("-pk")
    cases = (
        Case.objects.filter(target_owner=owner).exclude(pk=exclude_case).order_by("-opened_at")[:10]
    )
    return OwnerRecord(list(strikes), list(cases))


@dataclass
class Related:
    case: Case
    why: str  # "same_photo" or "wave"


def related_open_cases(case: Case, matches: list[Match]) -> list[Related]:
    """Open cases a bulk decision may cover: about a copy of this photo, or reported by
    the same notifier (account or e-mail) within WAVE_HOURS of this case's notices."""
    found: dict[int, Related] = {}
    photo_ids = [m.photo.pk for m in matches]
    if case.target_type == "photo" and photo_ids:
        same = Case.objects.filter(
            state__in=RELATED_STATES, target_type="photo", target_id__in=photo_ids
        )
        for other in same.exclude(pk=case.pk).order_by("pk")[:RELATED_LIMIT]:
            found[other.pk] = Related(other, "same_photo")
    for other in _wave(case):
        found.setdefault(other.pk, Related(other, "wave"))
    return sorted(found.values(), key=lambda r: r.case.pk)


def _wave(case: Case) -> list[Case]:
    notices = list(case.notices.all())
    who = Q()
    for notice in notices:
        if notice.notifier_id:
            who |= Q(notifier_id=notice.notifier_id)
        elif notice.notifier_email:
            who |= Q(notifier_email__iexact=notice.notifier_email)
    if not who:
        return []
    times: list[datetime] = [n.received_at for n in notices]
    window = timedelta(hours=WAVE_HOURS)
    wave = Notice.objects.filter(
        who, received_at__gte=min(times) - window, received_at__lte=max(times) + window
    ).values("case_id")
    return list(
        Case.objects.filter(pk__in=wave, state__in=RELATED_STATES)
        .exclude(pk=case.pk)
        .order_by("pk")[:RELATED_LIMIT]
    )

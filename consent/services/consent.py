"""Writes for consent. Every change is kept in the user's hash-chained history and yields a
downloadable receipt; a withdrawal is handed to the propagation hooks (dataset releases,
licensees), which the task worker runs after commit (consent.services.propagation_runs)."""

import hashlib
import json
from collections.abc import Iterable

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext

from accounts.models import User
from consent.models import AccountConsent, ConsentChange, PhotoConsent, Purpose
from consent.services.hooks import WITHDRAWAL_HOOKS  # noqa: F401 (where tests add theirs)
from consent.services.propagation_runs import propagation_enqueue
from core.errors import PermissionDenied, ServiceError
from core.events import event_record, events_record
from photos.models import Photo
from photos.services import rendition_version_bump

GENESIS = "0" * 64
BATCH = 500
HISTORY_LOCK = 0x636F6E73656E74  # "consent": the advisory lock that orders consent changes


def consent_set(*, user: User, purpose: str, allowed: bool, actor: User | None = None) -> None:
    """The account-wide choice for one purpose."""
    _check_purposes([purpose])
    with transaction.atomic():
        if _account_set(user, purpose, allowed, actor or user):
            ids = list(Photo.objects.filter(owner=user).values_list("pk", flat=True))
            _propagate(ids, [purpose], user=user)


def _account_set(user: User, purpose: str, allowed: bool, actor: User) -> bool:
    """Writes and records the account's choice; True when consent was withdrawn, which
    the caller propagates."""
    with transaction.atomic():
        history_hold()
        row = AccountConsent.objects.select_for_update().filter(user=user, purpose=purpose).first()
        old = row.allowed if row else False
        if old == allowed:  # also no row and refused: the default, nothing changes
            return False
        AccountConsent.objects.update_or_create(
            user=user, purpose=purpose, defaults={"allowed": allowed, "updated_at": timezone.now()}
        )
        _record(
            user=user,
            photo=None,
            purpose=purpose,
            old=_value(old),
            new=_value(allowed),
            actor=actor,
            reason="",
        )
    return old and not allowed


def photo_consent_set(*, actor: User, photo: Photo, purpose: str, allowed: bool | None) -> None:
    """Override the account setting for one photo; `None` returns it to the account's."""
    _check_purposes([purpose])
    if photo.owner_id != actor.pk:
        raise PermissionDenied(gettext("Only the photo's owner sets its consent."))
    with transaction.atomic():
        history_hold()
        row = PhotoConsent.objects.select_for_update().filter(photo=photo, purpose=purpose).first()
        old = ConsentChange.Value.INHERIT if row is None else _value(row.allowed)
        new = ConsentChange.Value.INHERIT if allowed is None else _value(allowed)
        if old == new:
            return
        if allowed is None:
            row.delete()
        else:
            PhotoConsent.objects.update_or_create(
                photo=photo,
                purpose=purpose,
                defaults={"allowed": allowed, "updated_at": timezone.now()},
            )
        _record(user=actor, photo=photo, purpose=purpose, old=old, new=new, actor=actor, reason="")
        if new == ConsentChange.Value.REFUSED or allowed is None:
            _propagate([photo.pk], [purpose], user=actor)


def consent_withdraw(
    *,
    actor: User,
    photos: Iterable[Photo] | None = None,
    purposes: list[str] | None = None,
    reason: str = "withdrawal",
) -> list[int]:
    """One action for a photo, an album's photos or (photos=None) the whole account: every
    purpose refused, recorded, and propagated to every licensee of earlier releases."""
    purposes = purposes or list(Purpose.values)
    _check_purposes(purposes)
    with transaction.atomic():
        history_hold()
        if photos is None:
            for purpose in purposes:
                _account_set(actor, purpose, False, actor)  # propagated once, below
            targets = list(Photo.objects.filter(owner=actor))
        else:
            targets = list(photos)
        if any(p.owner_id != actor.pk for p in targets):
            raise PermissionDenied(gettext("You can withdraw consent for your own photos only."))
        _refuse_photos(actor, targets, purposes, reason)
        event_record(
            kind="consent.withdrawn",
            actor=actor,
            data={"photos": len(targets), "purposes": purposes, "whole_account": photos is None},
        )
        ids = [p.pk for p in targets]
        _propagate(ids, purposes, user=actor)
    return ids


def receipt_for(change: ConsentChange) -> dict:
    """What the user downloads: the change, its time, and the hash tying it into the log."""
    return {**_canonical(change), "prev_hash": change.prev_hash, "hash": change.hash}


def history_hold() -> None:
    """Consent changes are written one transaction at a time, first of all locks:

    - each user's hash-chained history grows one change at a time (two read at once would
      both link to the same last change and fork it);
    - ids are committed in order, so the trainers' change feed, which pages by id, never
      passes a change that a slower transaction commits later with a lower id.

    On PostgreSQL one transaction-scoped advisory lock does both (consent changes are few
    and, since bulk withdrawal, short); SQLite already runs one writer at a time
    (transaction_mode IMMEDIATE)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [HISTORY_LOCK])


def _refuse_photos(actor: User, photos: list[Photo], purposes: list[str], reason: str) -> None:
    """Refuses every purpose for every photo not refused yet, in a handful of statements
    whatever the number of photos: a whole account of ten thousand photos is one
    request."""
    ids = {photo.pk for photo in photos}
    current = PhotoConsent.objects.filter(photo__owner=actor, purpose__in=purposes)
    rows = {
        (pk, purpose): allowed
        for pk, purpose, allowed in current.values_list("photo_id", "purpose", "allowed")
        if pk in ids
    }
    changes = []
    for photo in photos:
        for purpose in purposes:
            allowed = rows.get((photo.pk, purpose))
            old = ConsentChange.Value.INHERIT if allowed is None else _value(allowed)
            if old != ConsentChange.Value.REFUSED:
                changes.append((photo, purpose, old, ConsentChange.Value.REFUSED))
    now = timezone.now()
    PhotoConsent.objects.bulk_create(
        [
            PhotoConsent(photo=p, purpose=purpose, allowed=False, updated_at=now)
            for p, purpose, *_ in changes
        ],
        update_conflicts=True,
        unique_fields=["photo", "purpose"],
        update_fields=["allowed", "updated_at"],
        batch_size=BATCH,
    )
    history_append(user=actor, changes=changes, actor=actor, reason=reason)


def _record(*, user, photo, purpose, old, new, actor, reason) -> ConsentChange:
    return history_append(
        user=user, changes=[(photo, purpose, old, new)], actor=actor, reason=reason
    )[0]


def history_append(*, user, changes, actor, reason) -> list[ConsentChange]:
    """Appends (photo or None, purpose, old, new) changes to the user's hash-chained
    consent history, each with its `consent.changed` event."""
    if not changes:
        return []
    last = ConsentChange.objects.filter(user=user).order_by("-id").first()
    prev_hash, now, records = last.hash if last else GENESIS, timezone.now(), []
    for photo, purpose, old, new in changes:
        change = ConsentChange(
            user=user,
            photo=photo,
            photo_ref=photo.pk if photo else None,
            purpose=purpose,
            old_value=old,
            new_value=new,
            changed_by=actor,
            reason=reason,
            changed_at=now,
            prev_hash=prev_hash,
        )
        change.hash = hashlib.sha256(
            change.prev_hash.encode() + json.dumps(_canonical(change), sort_keys=True).encode()
        ).hexdigest()
        records.append(change)
        prev_hash = change.hash
    ConsentChange.objects.bulk_create(records, batch_size=BATCH)
    _renditions_renamed(user, records)
    events_record(
        [
            {
                "kind": "consent.changed",
                "actor": actor,
                "subject": change,
                "data": {
                    "purpose": change.purpose,
                    "old": change.old_value,
                    "new": change.new_value,
                    "scope": "photo" if change.photo_ref else "account",
                    "reason": reason,
                },
            }
            for change in records
        ]
        + [_anchor(records[-1])]
    )
    return records


def _anchor(head: ConsentChange) -> dict:
    """The member's consent history as of this append, in the public hash chain: the proof a
    reservation certificate cites (consent/proof/). A hash only, no personal data."""
    return {
        "kind": "reservation.consent_recorded",
        "subject": head,
        "data": {"history_hash": head.hash},
    }


def _renditions_renamed(user, records: list[ConsentChange]) -> None:
    """Served renditions carry the consent (XMP, C2PA, TDMRep headers), so every change gives
    the photos it covers new rendition URLs: a CDN's year-long copy under the old URL is
    never linked again, and the old URL answers 404 (photos.rendition_keys)."""
    ids = {change.photo_ref for change in records}
    account_wide = None in ids or len(ids) > BATCH
    rendition_version_bump(owner=user, photo_ids=None if account_wide else sorted(ids))


def _canonical(change: ConsentChange) -> dict:
    return {
        "user_id": change.user_id,
        "photo_id": change.photo_ref,
        "purpose": change.purpose,
        "old": change.old_value,
        "new": change.new_value,
        "reason": change.reason,
        "changed_at": change.changed_at.isoformat(),
    }


def _propagate(photo_ids: list[int], purposes: list[str], *, user: User | None = None) -> None:
    """The hooks run in the task worker (consent.services.propagation_runs), which shows
    the member its progress; the run's row commits with the change that withdrew."""
    propagation_enqueue(photo_ids=photo_ids, purposes=purposes, user=user)


def _value(allowed: bool) -> str:
    return ConsentChange.Value.ALLOWED if allowed else ConsentChange.Value.REFUSED


def _check_purposes(purposes: list[str]) -> None:
    unknown = set(purposes) - set(Purpose.values)
    if unknown:
        raise ServiceError(
            gettext("Unknown purpose: %(names)s.") % {"names": ", ".join(sorted(unknown))}
        )


def crawler_policy_set(*, block_ai_crawlers: bool, actor: User | None = None) -> None:
    """The operator's robots.txt choice for AI-training crawlers (default: blocked)."""
    from consent.models import CrawlerPolicy

    with transaction.atomic():
        policy, _ = CrawlerPolicy.objects.select_for_update().get_or_create(pk=1)
        old = policy.block_ai_crawlers
        policy.block_ai_crawlers = block_ai_crawlers
        policy.updated_at = timezone.now()
        policy.save()
        event_record(
            kind="consent.robots_ai",
            actor=actor,
            subject=policy,
            data={
                "old": "block" if old else "allow",
                "new": "block" if block_ai_crawlers else "allow",
            },
        )


def account_consents_update(*, user: User, choices: dict[str, bool]) -> None:
    """Several account-wide choices at once (the settings form, the API), all or none."""
    _check_purposes(list(choices))
    with transaction.atomic():
        for purpose, allowed in choices.items():
            consent_set(user=user, purpose=purpose, allowed=allowed)


def photo_consents_update(*, actor: User, photo: Photo, choices: dict[str, bool | None]) -> None:
    """Several per-photo overrides at once; `None` returns a purpose to the account's."""
    _check_purposes(list(choices))
    with transaction.atomic():
        for purpose, allowed in choices.items():
            photo_consent_set(actor=actor, photo=photo, purpose=purpose, allowed=allowed)


def withdrawal_propagate(*, photo_ids: list[int], purposes: list[str]) -> None:
    """Hand photos to the withdrawal hooks after commit, for overrides that act like a
    withdrawal (an approved depicted-person exclusion, consent.services.depicted)."""
    _propagate(photo_ids, purposes)

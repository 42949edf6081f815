"""Reads behind the public consent API for model trainers: a bulk check of rendition URLs
or PDQ hashes, and a change feed keyed on ConsentChange ids.

Privacy: a photo that is not public now (private, followers-only, removed, deleted, or a
never-used id) is answered "refused" with signal "not_public", so the answer reveals
neither its consent settings nor whether it exists; Candid grants nothing for it. The
change feed never lists such a photo at all."""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext

from consent.models import ConsentChange
from consent.selectors.consent import consents_effective
from photos.models import Photo
from photos.selectors import photos_visible_to

MAX_ITEMS = 10_000
PDQ = re.compile(r"^[0-9a-fA-F]{64}$")
PHOTO_PATH = re.compile(r"/(?:r/(\d+)/[a-z]+\.jpg|photos/(\d+)/?)$")
NOT_PUBLIC = "not_public"


@dataclass(frozen=True)
class Answer:
    decision: str  # allowed, refused, unknown
    signal: str
    since: object = None
    photo_ids: tuple[int, ...] = ()


def photo_id_of(item: str, hosts: set[str]) -> int | None:
    parts = urlsplit(item.strip())
    if parts.netloc and parts.netloc.lower() not in hosts:
        return None
    match = PHOTO_PATH.search(parts.path)
    return int(match.group(1) or match.group(2)) if match else None


def candid_hosts(request_host: str = "") -> set[str]:
    hosts = {urlsplit(settings.SITE_URL).netloc.lower()}
    return hosts | ({request_host.lower()} if request_host else set())


def trainers_check(*, items: list[str], purpose: str, hosts: set[str]) -> list[Answer]:
    """One answer per item, in order. Queries: photos by id, photos by PDQ hash, then the
    three of consents_effective, whatever the number of items."""
    ids = {i: photo_id_of(i, hosts) for i in items if not PDQ.match(i.strip())}
    hashes = {i.strip().lower() for i in items if PDQ.match(i.strip())}
    public = photos_visible_to(None)
    by_id = {p.pk: p for p in public.filter(pk__in={v for v in ids.values() if v})}
    by_hash: dict[str, list[Photo]] = {}
    for photo in public.filter(pdq_hash__in=hashes) if hashes else []:
        by_hash.setdefault(photo.pdq_hash, []).append(photo)
        by_id.setdefault(photo.pk, photo)
    effective = consents_effective(photos=by_id.values(), purpose=purpose)
    answers = []
    for item in items:
        key = item.strip().lower()
        if PDQ.match(key):
            answers.append(_by_hash(by_hash.get(key, []), effective))
        elif ids.get(item) is None:
            answers.append(Answer("unknown", "not_candid"))
        elif ids[item] not in by_id:
            answers.append(Answer("refused", NOT_PUBLIC, None, (ids[item],)))
        else:
            e = effective[ids[item]]
            answers.append(Answer(_word(e.allowed), e.signal, e.since, (ids[item],)))
    return answers


def _by_hash(photos: list[Photo], effective: dict) -> Answer:
    """Several photos can share a hash; the most restrictive answer wins."""
    if not photos:
        return Answer("unknown", "no_match")
    states = [effective[p.pk] for p in photos]
    refused = [e for e in states if not e.allowed]
    chosen = refused[0] if refused else states[0]
    return Answer(_word(chosen.allowed), chosen.signal, chosen.since, tuple(p.pk for p in photos))


def _word(allowed: bool) -> str:
    return "allowed" if allowed else "refused"


def parse_cursor(cursor: str | None) -> tuple[int, int]:
    """Cursor "CHANGE.PHOTO": the feed resumes after that photo of that change."""
    if not cursor:
        return 0, 0
    change, _, photo = cursor.partition(".")
    if not (change.isdigit() and photo.isdigit()):
        raise ValueError(
            gettext("“%(cursor)s” is not a cursor from this feed.") % {"cursor": cursor}
        )
    return int(change), int(photo)


def consent_changes_since(*, cursor: str | None, limit: int) -> tuple[list[dict], str]:
    """Changes after `cursor`, oldest first, at most `limit` items, and the next cursor.
    A photo-level change is one item; an account-level change is expanded into one item
    per public photo of the owner, so a trainer never needs to know who owns what.

    Privacy: the feed is public, so it lists only photos an anonymous visitor may see now
    (`photos_visible_to(None)`). A private, followers-only, removed or deleted photo never
    appears, neither by its own change nor through its owner's: listing it would reveal
    that it exists and, with the account's other photos, who owns it."""
    change_id, after_photo = parse_cursor(cursor)
    public = photos_visible_to(None).values("pk")
    changes = (
        ConsentChange.objects.filter(id__gte=change_id)
        .filter(Q(photo_ref__isnull=True) | Q(photo_ref__in=public))
        .order_by("id")
    )
    out: list[tuple[ConsentChange, int]] = []
    next_cursor = f"{change_id}.{after_photo}"
    for change in changes.iterator(chunk_size=200):
        skip = after_photo if change.pk == change_id else 0
        if change.pk == change_id and change.photo_ref is not None and skip:
            continue
        for pk in _photos_of(change, skip, limit - len(out)):
            out.append((change, pk))
            next_cursor = f"{change.pk}.{pk}"
        if len(out) >= limit:
            break
        next_cursor = f"{change.pk}.{2**62}"
    return _present(out), next_cursor


def _photos_of(change: ConsentChange, after: int, room: int) -> list[int]:
    """The photos one change lists: its photo (public, or the changes query left it out),
    or the owner's public photos after `after`."""
    if change.photo_ref is not None:
        return [change.photo_ref] if room > 0 else []
    owned = photos_visible_to(None).filter(owner_id=change.user_id, pk__gt=after)
    return list(owned.order_by("pk").values_list("pk", flat=True)[:room])


def _present(rows: list[tuple[ConsentChange, int]]) -> list[dict]:
    """The decision is today's effective one: later items repeat a photo whenever it
    changes again, so a trainer replaying the feed in order ends at the current state.
    A photo that went out of public sight since the rows were read is left out."""
    ids = {pk for _, pk in rows}
    photos = {p.pk: p for p in photos_visible_to(None).filter(pk__in=ids)}
    decided = {}
    for purpose in {c.purpose for c, _ in rows}:
        for pk, e in consents_effective(photos=photos.values(), purpose=purpose).items():
            decided[(pk, purpose)] = e
    items = []
    for change, pk in rows:
        if pk not in photos:
            continue
        e = decided[(pk, change.purpose)]
        items.append(
            {
                "change_id": change.pk,
                "photo_id": pk,
                "purpose": change.purpose,
                "scope": "photo" if change.photo_ref is not None else "account",
                "decision": _word(e.allowed),
                "signal": e.signal,
                "changed_at": change.changed_at,
            }
        )
    return items

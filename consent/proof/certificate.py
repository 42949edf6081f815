"""Reservation certificates: what Candid served for a photo (or an account's own setting)
over a date range, signed and tied to the public hash chain.

The document says, period by period, which machine-readable reservations were in force:
the HTTP headers (TDMRep, X-Robots-Tag), the `plus:DataMining` value embedded in every
served rendition, and which robots.txt and tdmrep.json versions were served, each with its
hash. Every period cites the consent-history records that set it, with the anchor that
puts them in the public hash chain; every file version cites its own anchor. The whole is
signed with the instance's Ed25519 key (consent.proof.keys). `consent.proof.verify`
checks all of it.
"""

import base64
import json
import urllib.robotparser
from datetime import UTC, datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from consent.models import ConsentChange, ServedDocument
from consent.proof.documents import versions_between
from consent.proof.keys import public_key_text, signing_key
from consent.proof.periods import Period, photo_periods
from consent.services.consent import receipt_for
from consent.signals_http import AI_CRAWLERS
from core.models import Event

FORMAT = "candid-reservation-certificate/1"
ANCHOR_KIND = "reservation.consent_recorded"


def canonical(document: dict) -> bytes:
    """The signed bytes: the document without its signature, keys sorted, no spaces."""
    unsigned = {k: v for k, v in document.items() if k != "signature"}
    return json.dumps(unsigned, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def certificate_document(*, owner, photo=None, start: datetime, end: datetime) -> dict:
    """The signed certificate for `photo` (one of the owner's) or, without one, for the
    account's own setting (what a photo without choices of its own carries)."""
    if photo is not None:
        start = max(start, photo.created_at)
    end = min(end, timezone.now())
    paths = _paths(photo)
    periods = photo_periods(owner=owner, photo_id=photo.pk if photo else None, start=start, end=end)
    document = {
        "format": FORMAT,
        "issued_at": _iso(timezone.now()),
        "instance": settings.SITE_URL,
        "subject": _subject(owner, photo, paths),
        "range": {"from": _iso(start), "until": _iso(end)},
        "periods": [_period(p, paths) for p in periods],
        "served_files": [
            _served_file(version, paths)
            for kind in ServedDocument.Kind.values
            for version in versions_between(kind, start, end)
        ],
    }
    signature = signing_key().sign(canonical(document))
    document["signature"] = {
        "algorithm": "Ed25519",
        "public_key": public_key_text(),
        "value": base64.b64encode(signature).decode(),
    }
    return document


def _subject(owner, photo, paths: list[str]) -> dict:
    site = settings.SITE_URL
    subject = {
        "member": owner.username,
        "profile": site + reverse("profile", args=[owner.username]),
    }
    if photo is not None:
        subject["photo_id"] = photo.pk
    subject["urls"] = [site + path for path in paths]
    return subject


def _paths(photo) -> list[str]:
    if photo is None:
        return []
    sizes = sorted(photo.renditions.values_list("size", flat=True))
    page = reverse("photo", args=[photo.pk])
    return [page, *(reverse("rendition", args=[photo.pk, size]) for size in sizes)]


def _period(period: Period, paths: list[str]) -> dict:
    policy = settings.SITE_URL + reverse("tdm_policy")
    return {
        "from": _iso(period.start),
        "until": _iso(period.end),
        "refused_purposes": sorted(period.state.refused),
        "signals": period.signals(policy_url=policy),
        "consent_record": _consent_record(period.last_change),
    }


def _consent_record(change: ConsentChange | None) -> dict | None:
    """The history from the change that set the period up to the append's anchor, so a
    verifier can recompute the hashes up to the anchored one."""
    if change is None:
        return None  # the default (everything refused) before any choice
    anchor = (
        Event.objects.filter(kind=ANCHOR_KIND, subject_id__gte=change.pk)
        .exclude(chain_seq=None)
        .order_by("subject_id")
        .first()
    )
    if anchor is None:
        return {"changes": [receipt_for(change)], "anchor": None}
    through = ConsentChange.objects.filter(
        user_id=change.user_id, pk__gte=change.pk, pk__lte=anchor.subject_id
    ).order_by("pk")
    return {"changes": [receipt_for(c) for c in through], "anchor": _anchor(anchor)}


def _served_file(version: ServedDocument, paths: list[str]) -> dict:
    entry = {
        "file": version.kind,
        "sha256": version.sha256,
        "from": _iso(version.valid_from),
        "until": _iso(version.valid_until) if version.valid_until else None,
        "body": version.body,
        "anchor": _anchor_at(version.anchor_seq),
    }
    if version.kind == ServedDocument.Kind.ROBOTS_TXT and paths:
        entry["crawlers_refused_for_these_urls"] = _refusing(version.body, paths)
    return entry


def _refusing(robots: str, paths: list[str]) -> list[str]:
    """The AI crawler tokens this robots.txt keeps out of every one of the paths."""
    parser = urllib.robotparser.RobotFileParser()
    parser.parse(robots.splitlines())
    return [a for a in AI_CRAWLERS if not any(parser.can_fetch(a, path) for path in paths)]


def _anchor_at(seq: int | None) -> dict | None:
    event = Event.objects.filter(chain_seq=seq).first() if seq else None
    return _anchor(event) if event else None


def _anchor(event: Event) -> dict:
    return {"seq": event.chain_seq, "hash": event.hash, "kind": event.kind, "data": event.data}


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")

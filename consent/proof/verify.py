"""Checking a reservation certificate (consent.proof.certificate) against this instance's
public hash chain. Anyone can run the same checks on the public log download
(/transparency/events.jsonl): nothing here needs data that is not public or in the
certificate itself.

A certificate is valid when its Ed25519 signature holds over its canonical bytes, its key
was anchored in the chain, every consent record it cites hashes up to an anchored history
hash, and every served file it cites has the anchored hash.
"""

import base64
import hashlib
import json

from cryptography.exceptions import InvalidSignature
from django.utils.translation import gettext as _

from consent.proof.certificate import FORMAT, canonical
from consent.proof.keys import fingerprint, public_key_from_text
from core import chain
from core.models import Event

KEY_KIND = "reservation.signing_key"


def certificate_problems(document) -> list[str]:
    """What is wrong with the certificate; [] when it verifies."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        return [_("This is not a Candid reservation certificate.")]
    problems = _signature_problems(document)
    if problems:
        return problems
    for period in document.get("periods", []):
        problems += _record_problems(period.get("consent_record"))
    for served in document.get("served_files", []):
        problems += _served_file_problems(served)
    return problems


def _signature_problems(document: dict) -> list[str]:
    signature = document.get("signature") or {}
    try:
        key = public_key_from_text(signature["public_key"])
        key.verify(base64.b64decode(signature["value"], validate=True), canonical(document))
    except (KeyError, TypeError, ValueError, InvalidSignature):
        return [_("The signature does not match the certificate: it was altered.")]
    if not _anchored_key(fingerprint(signature["public_key"])):
        return [_("The certificate was signed with a key this instance never anchored.")]
    return []


def _anchored_key(key_fingerprint: str) -> bool:
    return any(
        _event_intact(event)
        for event in Event.objects.filter(kind=KEY_KIND, data__fingerprint=key_fingerprint)
    )


def _record_problems(record) -> list[str]:
    if record is None:
        return []
    changes, anchor = record.get("changes") or [], record.get("anchor")
    prev = None
    for change in changes:
        fields = {k: v for k, v in change.items() if k not in ("prev_hash", "hash")}
        own = change["prev_hash"].encode() + json.dumps(fields, sort_keys=True).encode()
        if hashlib.sha256(own).hexdigest() != change["hash"] or prev not in (
            None,
            change["prev_hash"],
        ):
            return [_("A consent record in the certificate does not hash to its stated value.")]
        prev = change["hash"]
    if anchor is None:
        return []  # recorded before anchoring began: the signature still covers it
    if not _anchor_holds(anchor) or anchor["data"].get("history_hash") != prev:
        return [_("A consent record is not anchored in the public hash chain as stated.")]
    return []


def _served_file_problems(served: dict) -> list[str]:
    digest = hashlib.sha256(served.get("body", "").encode()).hexdigest()
    anchor = served.get("anchor")
    if digest != served.get("sha256"):
        return [_("A served file in the certificate does not match its hash.")]
    if anchor is not None and (not _anchor_holds(anchor) or anchor["data"].get("sha256") != digest):
        return [_("A served file is not anchored in the public hash chain as stated.")]
    return []


def _anchor_holds(anchor: dict) -> bool:
    event = Event.objects.filter(chain_seq=anchor.get("seq")).first()
    return (
        event is not None
        and event.hash == anchor.get("hash")
        and event.data == anchor.get("data")
        and _event_intact(event)
    )


def _event_intact(event: Event) -> bool:
    """The stored link recomputes from its public form and its predecessor's hash."""
    return bool(event.public) and chain.link_hash_of(event.prev_hash, event.public.encode()) == (
        event.hash
    )

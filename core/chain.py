"""The hash chain over the moderation event log (and the reservation anchors).

Each moderation event's public form (sequence number, kind, time, subject and `data`,
never `private`) is serialised canonically once, when it is appended, and stored with it
(`Event.public`); its hash is SHA-256 over the previous link's hash followed by those
bytes. Anyone holding the public log can recompute the chain and find the first event
that was altered, inserted or removed. The public form holds no personal data, so an
erasure request never has to touch the chain.

The public log is JSON Lines, one event per line: its public form with `prev_hash` and
`hash` added. Candid writes each line as `{"hash":"…","prev_hash":"…",` followed by the
stored canonical bytes without their opening brace, so a verifier can hash a slice of
the line instead of parsing and re-serialising it (`verify_lines`); a line in any other
layout (reformatted by some tool) is parsed instead, with the same verdict.
"""

import hashlib
import itertools
import json
from collections.abc import Iterable
from dataclasses import dataclass

GENESIS = "0" * 64
CHAINED_PREFIX = "moderation."
# Reservation anchors (consent/proof/): the hash of a member's consent history and each
# version of robots.txt and tdmrep.json, so a reservation certificate can be checked
# against the public log. They hold hashes only, never personal data.
RESERVATION_PREFIX = "reservation."


def is_chained(kind: str) -> bool:
    return kind.startswith((CHAINED_PREFIX, RESERVATION_PREFIX))


def public_form(
    *, seq: int, kind: str, created_at, subject_type: str, subject_id, data: dict
) -> dict:
    return {
        "seq": seq,
        "kind": kind,
        "created_at": created_at.isoformat().replace("+00:00", "Z"),
        "subject_type": subject_type,
        "subject_id": subject_id,
        "data": data,
    }


# One encoder for every link: json.dumps with options builds a new encoder per call,
# which costs a third of the serialisation (bench/transparency.py verifies 1M links).
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def canonical_bytes(form: dict) -> bytes:
    """Sorted keys, no spaces, UTF-8: the same bytes as json.dumps with those options."""
    return _CANONICAL.encode(form).encode()


def link_hash(prev_hash: str, form: dict) -> str:
    return link_hash_of(prev_hash, canonical_bytes(form))


def link_hash_of(prev_hash: str, canonical: bytes) -> str:
    return hashlib.sha256(prev_hash.encode() + canonical).hexdigest()


def public_line(prev_hash: str, link: str, canonical: str) -> str:
    """One line of the public log (see the module docstring for its layout)."""
    return f'{{"hash":"{link}","prev_hash":"{prev_hash}",{canonical[1:]}\n'


_HASH_KEY, _PREV_KEY, _FORM_KEY = b'{"hash":"', b'","prev_hash":"', b'",'
_FORM_AT = len(_HASH_KEY) + 64 + len(_PREV_KEY) + 64 + len(_FORM_KEY)


@dataclass
class Verdict:
    ok: bool
    checked: int
    head_seq: int
    head_hash: str
    problem: str = ""
    at_seq: int | None = None
    note: str = ""

    def describe(self) -> str:
        if self.ok:
            note = f" ({self.note})" if self.note else ""
            return f"OK: {self.checked} events, chain head #{self.head_seq} {self.head_hash}{note}"
        return f"BROKEN at event #{self.at_seq}: {self.problem}"


def verify_lines(lines: Iterable[bytes]) -> Verdict:
    """Verifies the public log from its lines, each ending in a line break (as read from
    a file). A line in Candid's layout that names the previous link is checked by hashing
    a slice of it: the hot loop of `verify_event_log --file` (bench/transparency.py). From
    the first line that is not, or whose hash does not follow, the rest is parsed and
    checked by `verify`, which names what went wrong."""
    lines = iter(lines)
    prev, checked, sha256 = GENESIS.encode(), 0, hashlib.sha256
    for line in lines:
        link = sha256(prev + b"{" + line[_FORM_AT:-1]).hexdigest().encode()
        if not line.startswith(_HASH_KEY + link + _PREV_KEY + prev + _FORM_KEY):
            rest = (json.loads(text) for text in itertools.chain([line], lines) if text.strip())
            return verify(rest, start_seq=checked + 1, prev=prev.decode())
        prev, checked = link, checked + 1
    return Verdict(True, checked, checked, prev.decode())


def verify(records: Iterable[dict], *, start_seq: int = 1, prev: str = GENESIS) -> Verdict:
    """`records` are public forms plus `prev_hash` and `hash`, in sequence order, from
    event #`start_seq` on, whose predecessor's hash is `prev`."""
    expected_seq, checked = start_seq, start_seq - 1
    for record, following in _with_next(records):
        seq = record.get("seq")
        form = {
            key: record.get(key)
            for key in ("seq", "kind", "created_at", "subject_type", "subject_id", "data")
        }
        if seq != expected_seq:
            if isinstance(seq, int) and seq > expected_seq:
                return _broken(
                    checked,
                    prev,
                    expected_seq,
                    f"event #{expected_seq} is missing (next found is #{seq})",
                )
            return _broken(
                checked,
                prev,
                seq,
                f"event #{seq} is out of place or duplicated (expected #{expected_seq}): inserted",
            )
        if record.get("prev_hash") != prev:
            return _broken(
                checked,
                prev,
                seq,
                "its link to the previous event does not match: "
                "an event was inserted or removed before it",
            )
        if link_hash(prev, form) != record.get("hash"):
            if following is not None and following.get("prev_hash") == prev:
                return _broken(
                    checked,
                    prev,
                    seq,
                    "it was inserted: the next event links past it to the one before",
                )
            return _broken(checked, prev, seq, "its content does not match its hash: altered")
        prev, expected_seq, checked = record["hash"], expected_seq + 1, checked + 1
    return Verdict(True, checked, expected_seq - 1, prev)


def _with_next(records: Iterable[dict]):
    iterator = iter(records)
    current = next(iterator, None)
    while current is not None:
        following = next(iterator, None)
        yield current, following
        current = following


def _broken(checked: int, prev: str, seq, problem: str) -> Verdict:
    return Verdict(False, checked, checked, prev, problem=problem, at_seq=seq)

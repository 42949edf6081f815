"""The hash chain over the moderation event log.

Each moderation event's public form (sequence number, kind, time, subject and `data`,
never `private`) is serialised canonically; its hash is SHA-256 over the previous link's
hash followed by those bytes. Anyone holding the public log (JSON Lines, one public form
per line, with `prev_hash` and `hash`) can recompute the chain and find the first event
that was altered, inserted or removed. The public form holds no personal data, so an
erasure request never has to touch the chain.
"""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

GENESIS = "0" * 64
CHAINED_PREFIX = "moderation."


def is_chained(kind: str) -> bool:
    return kind.startswith(CHAINED_PREFIX)


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
    return hashlib.sha256(prev_hash.encode() + canonical_bytes(form)).hexdigest()


@dataclass
class Verdict:
    ok: bool
    checked: int
    head_seq: int
    head_hash: str
    problem: str = ""
    at_seq: int | None = None

    def describe(self) -> str:
        if self.ok:
            return f"OK: {self.checked} events, chain head #{self.head_seq} {self.head_hash}"
        return f"BROKEN at event #{self.at_seq}: {self.problem}"


def verify(records: Iterable[dict]) -> Verdict:
    """`records` are public forms plus `prev_hash` and `hash`, in sequence order."""
    expected_seq, prev, checked = 1, GENESIS, 0
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

"""Folding the hash-chained moderation log into `LogFact` rows, the narrow projection the
reports read (see transparency/reports/__init__.py for the keys each event kind holds).

It writes derived data only, so it logs no event of its own: every fact is one event of
the log, and `facts_refold` rebuilds them all from the log.
"""

from datetime import datetime

from django.db import transaction

from core.models import Event
from transparency.models import FactsFolded, FactValue, LogFact

PREFIX = "moderation."
KINDS = (
    "notice_received",
    "notifier_informed",
    "decision_applied",
    "appeal_submitted",
    "appeal_decided",
    "dispute_submitted",
    "dispute_decided",
    "misuse_measure",
)
TEXT_KEYS = (
    "channel",
    "notifier_type",
    "ground",
    "category",
    "country",
    "offence",
    "outcome",
    "action",
    "decision_ground",
    "automated_decision",
    "role",
    "decision_action",
    "level",
    "measure_kind",
)
BOOL_KEYS = (
    "receipt_confirmed",
    "by_email",
    "poster_informed",
    "trusted_flagger",
    "automated_detection",
    "own_initiative",
    "manifestly_illegal",
    "implemented",
)
BATCH = 5000


class LogIncomplete(RuntimeError):
    pass


def facts_fold(*, upto: int) -> int:
    """Folds the chained events after the last folded one up to sequence number `upto`;
    returns how many facts were written. Refused if any event of that range is missing
    from the log, so what was folded once is complete (`verify_event_log` names where)."""
    with transaction.atomic():
        mark, _ = FactsFolded.objects.select_for_update().get_or_create(pk=1)
        if mark.upto >= upto:
            return 0
        _ensure_complete(mark.upto, upto)
        written, codes = 0, dict(FactValue.objects.values_list("text", "id"))
        for batch in _event_batches(mark.upto, upto):
            facts = [_fact(*row) for row in batch]
            _encode(facts, codes)
            LogFact.objects.bulk_create(facts)
            written += len(facts)
        mark.upto = upto
        mark.save(update_fields=["upto"])
        return written


def facts_refold(*, upto: int) -> int:
    """Throws the projection away and folds the whole log again."""
    with transaction.atomic():
        FactsFolded.objects.select_for_update().get_or_create(pk=1)
        LogFact.objects.all().delete()
        FactsFolded.objects.filter(pk=1).update(upto=0)
        return facts_fold(upto=upto)


def _ensure_complete(after: int, upto: int) -> None:
    stored = Event.objects.filter(chain_seq__gt=after, chain_seq__lte=upto).count()
    if stored != upto - after:
        raise LogIncomplete(
            f"The event log holds {stored} of the {upto - after} events #{after + 1} to "
            f"#{upto} below its chain head: run `manage.py verify_event_log` to find where. "
            "No report is made from it."
        )


def _event_batches(after: int, upto: int):
    kinds = [PREFIX + kind for kind in KINDS]
    while after < upto:
        rows = list(
            Event.objects.filter(chain_seq__gt=after, chain_seq__lte=upto, kind__in=kinds)
            .order_by("chain_seq")
            .values_list("chain_seq", "kind", "created_at", "data")[:BATCH]
        )
        if not rows:
            return
        yield rows
        after = rows[-1][0]


def _fact(seq: int, kind: str, created_at: datetime, data: dict) -> LogFact:
    """The fact with its words still as text; `_encode` turns them into numbers."""
    began = data.get("received_at") or data.get("submitted_at")
    seconds = data.get("seconds_to_decision", data.get("seconds_to_decide"))
    words = {key: _text(data.get(key)) for key in TEXT_KEYS} | {
        "measure_kind": _text(data.get("kind"))
    }
    return LogFact(
        seq=seq,
        kind=kind.removeprefix(PREFIX),
        created_at=created_at,
        began_at=datetime.fromisoformat(began) if began else None,
        seconds=None if seconds is None else float(seconds),
        after=data.get("appeal_of") is not None,
        **words,
        **{key: data.get(key) in (True, 1, "1", "true", "True") for key in BOOL_KEYS},
    )


def _encode(facts: list[LogFact], codes: dict[str, int]) -> None:
    """Replaces each word by its `FactValue` number, adding the words not seen before."""
    words = {getattr(fact, key) for fact in facts for key in TEXT_KEYS}
    new = words - codes.keys()
    if new:
        FactValue.objects.bulk_create([FactValue(text=w) for w in new], ignore_conflicts=True)
        codes.update(FactValue.objects.filter(text__in=new).values_list("text", "id"))
    for fact in facts:
        for key in TEXT_KEYS:
            setattr(fact, key, codes[getattr(fact, key)])


def fact_words() -> dict[int, str]:
    """Number to word, for reading facts back."""
    return dict(FactValue.objects.values_list("id", "text"))


def _text(value) -> str:
    return "" if value is None else str(value)

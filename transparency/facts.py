"""Folding the hash-chained moderation log into facts, the narrow projection the reports
read (see transparency/reports/__init__.py for the keys each event kind holds).

It writes derived data only, so it logs no event of its own: every fact is one event of
the log, and `facts_refold` rebuilds them all from the log.
"""

from datetime import datetime

from django.db import models, transaction

from core import chain
from core.models import Event
from transparency.models import (
    DecisionFact,
    FactsFolded,
    FactValue,
    LogFact,
    NoticeFact,
    OutcomeFact,
)

PREFIX = chain.CHAINED_PREFIX  # facts are folded from chained events only
TABLES = {
    "notice_received": NoticeFact,
    "notifier_informed": OutcomeFact,
    "decision_applied": DecisionFact,
    "appeal_submitted": LogFact,
    "appeal_decided": LogFact,
    "dispute_submitted": LogFact,
    "dispute_decided": LogFact,
    "misuse_measure": LogFact,
    "authorities_notified": LogFact,
    "server_measure": LogFact,
}
MODELS = (NoticeFact, OutcomeFact, DecisionFact, LogFact)
TRUE = (True, 1, "1", "true", "True")
BATCH = 5000


def _word_fields(model) -> list[str]:
    """The columns that hold a `FactValue` number."""
    return [
        field.name for field in model._meta.concrete_fields if type(field) is models.IntegerField
    ]


WORDS = {model: _word_fields(model) for model in MODELS}
# Every column that holds a word, whichever table: what a report decodes.
TEXT_KEYS = frozenset(name for names in WORDS.values() for name in names)


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
            for model in MODELS:
                model.objects.bulk_create([f for f in facts if type(f) is model])
            written += len(facts)
        mark.upto = upto
        mark.save(update_fields=["upto"])
        return written


def facts_refold(*, upto: int) -> int:
    """Throws the projection away and folds the whole log again."""
    with transaction.atomic():
        FactsFolded.objects.select_for_update().get_or_create(pk=1)
        for model in MODELS:
            model.objects.all().delete()
        FactsFolded.objects.filter(pk=1).update(upto=0)
        return facts_fold(upto=upto)


def fact_words() -> dict[int, str]:
    """Number to word, for reading facts back."""
    return dict(FactValue.objects.values_list("id", "text"))


def _ensure_complete(after: int, upto: int) -> None:
    stored = Event.objects.filter(chain_seq__gt=after, chain_seq__lte=upto).count()
    if stored != upto - after:
        raise LogIncomplete(
            f"The event log holds {stored} of the {upto - after} events #{after + 1} to "
            f"#{upto} below its chain head: run `manage.py verify_event_log` to find where. "
            "No report is made from it."
        )


def _event_batches(after: int, upto: int):
    kinds = [PREFIX + kind for kind in TABLES]
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


def _fact(seq: int, kind: str, created_at: datetime, data: dict) -> models.Model:
    """The fact with its words still as text; `_encode` turns them into numbers."""
    kind = kind.removeprefix(PREFIX)
    model = TABLES[kind]
    values = {"seq": seq, "created_at": created_at}
    for field in model._meta.concrete_fields[2:]:
        values[field.name] = _value(field, kind, data)
    return model(**values)


def _value(field, kind: str, data: dict):
    name = field.name
    if name == "kind":
        return kind
    if name == "began_at":
        began = data.get("received_at") or data.get("submitted_at")
        return datetime.fromisoformat(began) if began else None
    if name == "seconds":
        seconds = data.get("seconds_to_decision", data.get("seconds_to_decide"))
        return None if seconds is None else float(seconds)
    if name == "after":
        return data.get("appeal_of") is not None
    if isinstance(field, models.BooleanField):
        return data.get(name) in TRUE
    word = data.get("kind" if name == "measure_kind" else name)
    return "" if word is None else str(word)


def _encode(facts: list, codes: dict[str, int]) -> None:
    """Replaces each word by its `FactValue` number, adding the words not seen before."""
    words = {getattr(fact, name) for fact in facts for name in WORDS[type(fact)]}
    new = words - codes.keys()
    if new:
        FactValue.objects.bulk_create([FactValue(text=w) for w in new], ignore_conflicts=True)
        codes.update(FactValue.objects.filter(text__in=new).values_list("text", "id"))
    for fact in facts:
        for name in WORDS[type(fact)]:
            setattr(fact, name, codes[getattr(fact, name)])

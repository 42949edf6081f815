"""The passes over the event log that every report is built from.

Each function is one query: a GROUP BY on JSON keys of `Event.data` (works on SQLite
and PostgreSQL through Django's KT), or, where a median needs individual times, one
streamed scan of two or three keys. All of them see the log only up to the chain head
the report was started with (`LogView.head`).
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.db.models import BooleanField, Case, Count, FloatField, Q, TextField, Value, When
from django.db.models.fields.json import KT
from django.db.models.functions import Cast

from core.models import Event
from transparency.reports.periods import Period
from transparency.selectors import chain_head

NOTICE_KEYS = ("channel", "notifier_type", "ground", "category", "country", "offence")
BOOL_KEYS = {
    "by_email",
    "poster_informed",
    "receipt_confirmed",
    "trusted_flagger",
    "automated_detection",
    "own_initiative",
    "manifestly_illegal",
    "implemented",
    "after",
}
# NetzDG §2(2) no. 8: within 24 hours, 48 hours, one week, later (upper bounds inclusive).
BUCKETS = (("24h", 24 * 3600), ("48h", 48 * 3600), ("7d", 7 * 24 * 3600))
LATER = "later"
CHUNK = 5000


def stamp(moment: datetime) -> str:
    """The fixed-width UTC form the moderation events use for times inside `data`."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class LogIncomplete(RuntimeError):
    pass


@dataclass(frozen=True)
class LogView:
    period: Period
    head_seq: int
    head_hash: str
    head_time: datetime | None

    @classmethod
    def at_head(cls, period: Period) -> "LogView":
        """The log as of its current chain head, refused if events up to it are missing
        (one indexed count; `verify_event_log` names which)."""
        head = chain_head()
        stored = Event.objects.filter(chain_seq__isnull=False, chain_seq__lte=head.seq).count()
        if stored != head.seq:
            raise LogIncomplete(
                f"The event log holds {stored} of the {head.seq} events up to its chain head: "
                "run `manage.py verify_event_log` to find where. No report is made from it."
            )
        return cls(period, head.seq, head.hash, head.updated_at)

    def events(self, kind: str):
        """Events of `kind` recorded within the period."""
        return self._upto_head(kind).filter(
            created_at__gte=self.period.start, created_at__lt=self.period.end
        )

    def cohort(self, kind: str, time_key: str):
        """Events of `kind` (at any time up to the head) about things that began within the
        period, `time_key` naming that beginning inside `data`."""
        return (
            self._upto_head(kind)
            .filter(created_at__gte=self.period.start)
            .alias(began=Cast(KT(f"data__{time_key}"), TextField()))
            .filter(began__gte=stamp(self.period.start), began__lt=stamp(self.period.end))
        )

    def _upto_head(self, kind: str):
        return Event.objects.filter(
            kind=kind, chain_seq__isnull=False, chain_seq__lte=self.head_seq
        )


def grouped(queryset, keys, **expressions) -> list[tuple[dict, int]]:
    """Counts per distinct combination of `keys` (names in `data`) and `expressions`.
    Aliased with a prefix, since a key may share a name with an Event field ("kind")."""
    fields = {f"k_{key}": KT(f"data__{key}") for key in keys}
    fields |= {f"k_{name}": expression for name, expression in expressions.items()}
    rows = queryset.values(**fields).annotate(n=Count("pk")).order_by()
    return [({key[2:]: _norm(key[2:], row[key]) for key in fields}, row["n"]) for row in rows]


def streamed(queryset, keys, number_key: str):
    """(dict of keys, number) per event, in constant memory."""
    fields = [KT(f"data__{key}") for key in keys]
    rows = queryset.values_list(*fields, Cast(KT(f"data__{number_key}"), FloatField()))
    for row in rows.order_by().iterator(chunk_size=CHUNK):
        yield {key: _norm(key, value) for key, value in zip(keys, row, strict=False)}, row[-1]


def _norm(key: str, value):
    if key in BOOL_KEYS or isinstance(value, bool):
        return value in (True, 1, "1", "true", "True")
    return "" if value is None or value == "null" else str(value)  # JSON null on SQLite


def _bucket():
    when = [When(secs__lte=limit, then=Value(name)) for name, limit in BUCKETS]
    return Case(*when, default=Value(LATER))


def received(log: LogView):
    """Pass 1: every notice received in the period, by its public attributes."""
    return grouped(log.events("moderation.notice_received"), (*NOTICE_KEYS, "receipt_confirmed"))


def resolved(log: LogView):
    """Pass 2: the outcome of each notice received in the period, with its time bucket."""
    events = log.cohort("moderation.notifier_informed", "received_at").alias(
        secs=Cast(KT("data__seconds_to_decision"), FloatField())
    )
    keys = (*NOTICE_KEYS, "outcome", "action", "decision_ground", "automated_decision")
    return grouped(events, (*keys, "by_email", "poster_informed"), bucket=_bucket())


def action_times(log: LogView):
    """Pass 3: seconds from receipt to action for each actioned notice (for medians)."""
    events = log.cohort("moderation.notifier_informed", "received_at").alias(
        outcome=Cast(KT("data__outcome"), TextField())
    )
    keys = ("channel", "notifier_type", "category", "country", "decision_ground")
    return streamed(events.filter(outcome="actioned"), keys, "seconds_to_decision")


def measures(log: LogView):
    """Pass 4: decisions applied in the period."""
    events = log.events("moderation.decision_applied").alias(
        appeal=Cast(KT("data__appeal_of"), TextField())
    )
    after_appeal = Case(
        When(Q(appeal__isnull=True) | Q(appeal="null"), then=Value(False)),  # SQLite: "null"
        default=Value(True),
        output_field=BooleanField(),
    )
    keys = ("action", "ground", "category", "automated_detection", "automated_decision")
    return grouped(events, (*keys, "own_initiative", "manifestly_illegal"), after=after_appeal)


def complaints_submitted(log: LogView):
    """Pass 5: internal complaints (appeals) submitted in the period."""
    keys = ("role", "decision_action", "trusted_flagger")
    return grouped(log.events("moderation.appeal_submitted"), keys)


def complaints_decided(log: LogView):
    """Pass 6: decided complaints among those submitted in the period, with durations."""
    events = log.cohort("moderation.appeal_decided", "submitted_at")
    keys = ("role", "decision_action", "trusted_flagger", "outcome")
    return streamed(events, keys, "seconds_to_decide")


def disputes_submitted(log: LogView) -> int:
    """Pass 7: out-of-court disputes submitted in the period."""
    return log.cohort("moderation.dispute_submitted", "submitted_at").count()


def disputes_decided(log: LogView):
    """Pass 8: decided disputes among those submitted in the period."""
    events = log.cohort("moderation.dispute_decided", "submitted_at")
    return streamed(events, ("outcome", "implemented"), "seconds_to_decide")


def misuse(log: LogView):
    """Pass 9: Art. 23 measures taken in the period."""
    return grouped(log.events("moderation.misuse_measure"), ("kind", "level"))

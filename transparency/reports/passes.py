"""The passes every report is built from.

Each function is one query over the facts, the narrow projection of the moderation log
(transparency/facts.py): a GROUP BY on the keys a report needs, or, where a median needs
individual times, one streamed scan of a few keys. All of them see the log only up to
the chain head the report was started with (`LogView.head_seq`), and `LogView.at_head`
folds every event up to that head into facts first.
"""

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from django.db import connection, transaction
from django.db.models import Case, Count, F, Value, When

from transparency.facts import TABLES, TEXT_KEYS, fact_words, facts_fold
from transparency.models import LogFact
from transparency.reports.periods import Period
from transparency.selectors import chain_head

# NetzDG §2(2) no. 8: within 24 hours, 48 hours, one week, later (upper bounds inclusive).
BUCKETS = (("24h", 24 * 3600), ("48h", 48 * 3600), ("7d", 7 * 24 * 3600))
LATER = "later"
CHUNK = 5000


@dataclass(frozen=True)
class LogView:
    period: Period
    head_seq: int
    head_hash: str
    head_time: datetime | None
    words: dict[int, str]

    @classmethod
    def at_head(cls, period: Period) -> "LogView":
        """The log as of its current chain head, every event up to it folded into facts
        (refused if one is missing: see `facts_fold`)."""
        head = chain_head()
        facts_fold(upto=head.seq)
        return cls(period, head.seq, head.hash, head.updated_at, fact_words())

    def code(self, word: str) -> int:
        """The number a word is stored as in facts (-1, matching nothing, if none has it)."""
        return next((code for code, text in self.words.items() if text == word), -1)

    def decoded(self, key: str, value):
        """A fact's column value as the event held it."""
        return self.words[value] if key in TEXT_KEYS else value

    def events(self, kind: str):
        """Facts of `kind` recorded within the period."""
        return self._upto_head(kind).filter(
            created_at__gte=self.period.start, created_at__lt=self.period.end
        )

    def cohort(self, kind: str):
        """Facts of `kind` (at any time up to the head) about things that began within
        the period (a notice received, a complaint or dispute submitted)."""
        return self._upto_head(kind).filter(
            created_at__gte=self.period.start,
            began_at__gte=self.period.start,
            began_at__lt=self.period.end,
        )

    def _upto_head(self, kind: str):
        model = TABLES[kind]
        facts = model.objects.filter(seq__lte=self.head_seq)
        return facts.filter(kind=kind) if model is LogFact else facts


@contextmanager
def report_session():
    """One transaction for all of a report's passes. On PostgreSQL its GROUP BYs get the
    memory to hash their few thousand groups instead of sorting on disk, and no JIT
    compilation (which costs more than it saves on queries of a few hundred ms): 2.5 s
    to 0.35 s for the resolved pass over a million events (bench/transparency.py)."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL work_mem = '64MB'")
                cursor.execute("SET LOCAL jit = off")
        yield


def grouped(log: LogView, queryset, keys, **expressions) -> list[tuple[dict, int]]:
    """Counts per distinct combination of `keys` (fact columns, words decoded) and
    `expressions`."""
    columns = [*(F(key) for key in keys), *expressions.values()]
    rows = queryset.values_list(*columns).annotate(n=Count("*")).order_by()
    names = [*keys, *expressions]
    coded, words = [name in TEXT_KEYS for name in names], log.words
    return [
        (
            {
                name: words[value] if is_coded else value
                for name, is_coded, value in zip(names, coded, row, strict=False)
            },
            row[-1],
        )
        for row in rows
    ]


def streamed(log: LogView, queryset, keys, number: str = "seconds"):
    """(dict of keys, number) per fact, in constant memory."""
    rows = queryset.values_list(*keys, number).order_by().iterator(chunk_size=CHUNK)
    for row in rows:
        values = zip(keys, row[:-1], strict=True)
        yield {key: log.decoded(key, value) for key, value in values}, row[-1]


def _bucket():
    when = [When(seconds__lte=limit, then=Value(name)) for name, limit in BUCKETS]
    return Case(*when, default=Value(LATER))


def received(log: LogView, keys):
    """Pass 1: every notice received in the period, by the public attributes in `keys`."""
    return grouped(log, log.events("notice_received"), keys)


def resolved(log: LogView, keys, *, bucketed: bool = False):
    """Pass 2: the outcome of each notice received in the period, by `keys` and, if
    `bucketed`, the interval from receipt to decision it fell into."""
    expressions = {"bucket": _bucket()} if bucketed else {}
    return grouped(log, log.cohort("notifier_informed"), keys, **expressions)


def action_times(log: LogView) -> list[tuple]:
    """Pass 3: (channel, notifier_type, category, country, seconds) from receipt to action
    of each actioned notice, for medians. Plain tuples: a period can hold many."""
    actioned = log.cohort("notifier_informed").filter(outcome=log.code("actioned"))
    keys = ("channel", "notifier_type", "category", "country", "seconds")
    w = log.words
    return [
        (w[channel], w[notifier_type], w[category], w[country], seconds)
        for channel, notifier_type, category, country, seconds in _all_rows(actioned, keys)
    ]


def _all_rows(queryset, keys) -> list[tuple]:
    """The rows in one fetch: the ORM fetches 100 at a time, which for the 140,000
    actioned notices of bench/transparency.py costs a fifth of the DSA report."""
    sql, params = queryset.values_list(*keys).order_by().query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def measures(log: LogView):
    """Pass 4: decisions applied in the period."""
    keys = ("action", "ground", "category", "automated_detection", "automated_decision")
    keys += ("own_initiative", "manifestly_illegal", "after")
    return grouped(log, log.events("decision_applied"), keys)


def complaints_submitted(log: LogView):
    """Pass 5: internal complaints (appeals) submitted in the period."""
    keys = ("role", "decision_action", "trusted_flagger")
    return grouped(log, log.events("appeal_submitted"), keys)


def complaints_decided(log: LogView):
    """Pass 6: decided complaints among those submitted in the period, with durations."""
    keys = ("role", "decision_action", "trusted_flagger", "outcome")
    return streamed(log, log.cohort("appeal_decided"), keys)


def disputes_submitted(log: LogView) -> int:
    """Pass 7: out-of-court disputes submitted in the period."""
    return log.cohort("dispute_submitted").count()


def disputes_decided(log: LogView):
    """Pass 8: decided disputes among those submitted in the period."""
    return streamed(log, log.cohort("dispute_decided"), ("outcome", "implemented"))


def misuse(log: LogView):
    """Pass 9: Art. 23 measures taken in the period."""
    return grouped(log, log.events("misuse_measure"), ("measure_kind", "level"))


def authorities_notified(log: LogView) -> int:
    """Pass 10: DSA Art. 18 notifications of the authorities made in the period."""
    return log.events("authorities_notified").count()


def server_measures(log: LogView):
    """Pass 11: measures on other servers imposed, changed or lifted in the period (#20)."""
    return grouped(log, log.events("server_measure"), ("measure_kind", "level"))

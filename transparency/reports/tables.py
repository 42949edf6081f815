"""The shape every report takes: tables with named columns, the chain head, and the
reconciliation of its totals. Pages, CSV and JSON are all rendered from this."""

from dataclasses import dataclass, field
from statistics import median

from django.utils import timezone
from django.utils.translation import gettext as _

from transparency.facts import LogIncomplete
from transparency.reports.passes import LogView

NOT_APPLICABLE_SMALL = "not applicable (micro/small enterprise)"


class ReconciliationError(LogIncomplete):
    """A breakdown does not add up to the number of notices received, or the log is not
    complete up to its head: such a report is never published."""


@dataclass
class Table:
    key: str
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    note: str = ""
    chart: dict | None = None  # {"label": column index, "values": [column indexes]}
    compact: bool = False  # the page shows only rows with figures (files show all)

    def as_dict(self) -> dict:
        return {
            "title": self.title,
            "note": self.note,
            "columns": self.columns,
            "rows": self.rows,
        }


@dataclass
class Report:
    kind: str
    title: str
    period: str
    lang: str
    received: int
    counted: int
    breakdowns: dict[str, int]
    head: dict
    tables: list[Table]
    generated_at: str = field(default_factory=lambda: timezone.now().isoformat())
    status: str = ""  # what kind of report this is in law: historical, voluntary …

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "title": self.title,
            "status": self.status,
            "period": self.period,
            "language": self.lang,
            "generated_at": self.generated_at,
            "chain_head": self.head,
            "reconciliation": {
                "notices_received": self.received,
                "notices_counted_in_breakdowns": self.counted,
                "breakdowns": self.breakdowns,
            },
            "tables": {table.key: table.as_dict() for table in self.tables},
        }


def head_of(log: LogView) -> dict:
    return {
        "seq": log.head_seq,
        "hash": log.head_hash,
        "time": log.head_time.isoformat() if log.head_time else None,
    }


def head_table(log: LogView) -> Table:
    head = head_of(log)
    return Table(
        "chain_head",
        _("Event log chain head"),
        [_("Sequence number"), _("Hash"), _("Time")],
        [[head["seq"], head["hash"], head["time"] or ""]],
        note=_(
            "Counted: every moderation event up to this link of the hash chain. "
            "Verify with: python manage.py verify_event_log"
        ),
    )


def reconcile(received: int, breakdowns: dict[str, int]) -> int:
    """Every breakdown must add up to the notices received, or the report is refused."""
    wrong = {name: n for name, n in breakdowns.items() if n != received}
    if wrong:
        raise ReconciliationError(
            f"{received} notices received, but breakdowns count {wrong}: report refused."
        )
    return received


def reconciliation_table(received: int, breakdowns: dict[str, int]) -> Table:
    rows = [[_("Notices received in the period"), received]]
    rows += [[_("Counted in breakdown: %(name)s") % {"name": n}, v] for n, v in breakdowns.items()]
    return Table("reconciliation", _("Reconciliation"), [_("Figure"), _("Number")], rows)


def hours_median(seconds: list[float]) -> float | None:
    return round(median(seconds) / 3600, 2) if seconds else None


def labelled(raw, name):
    """A grouping of report rows by `name(raw(attributes))` that names each distinct raw
    key once: names are translated labels, and a period's outcomes come in tens of
    thousands of grouped rows. Make one per report, inside its language."""
    names: dict = {}

    def group(attributes: dict) -> str:
        key = raw(attributes)
        if key not in names:
            names[key] = name(key)
        return names[key]

    return group


def tally(rows, key) -> dict:
    """Sum grouped counts by `key(attributes)`."""
    totals: dict = {}
    for attributes, n in rows:
        name = key(attributes)
        totals[name] = totals.get(name, 0) + n
    return totals

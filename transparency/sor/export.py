"""Statements of reasons in the DSA Transparency Database format (Art. 24(5)), as JSON
Lines and CSV, streamed in batches so memory stays flat however long the period.

Which decisions are exported: every decision that restricts something has exactly one
StatementOfReasons, and each one whose decision took effect in the period (its
`application_date`, UTC) becomes one record. A "no action" decision restricts nothing:
no statement is due (Art. 17(1)) and the database would refuse one (its schema requires at
least one restriction, rule `one_restriction`). Those decisions are counted and reported as
left out, never silently dropped. A restricting decision without a statement would break
the "no enforcement without a statement" rule and is reported as an error.

The records are the stored statement fields, in schema order, with the free text scrubbed
of personal data (privacy.py) and validated against the schema file (schema.py). A record
that does not validate is not written; it is reported with its errors.
"""

import csv
import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TextIO

from moderation.models import Decision
from moderation.selectors import decisions_applied_between, statements_applied_between
from transparency.sor.privacy import names_of, scrub
from transparency.sor.schema import SorError, free_text_fields, load_schema, validate

NO_ACTION_REASON = (
    "they restrict nothing, so no statement of reasons is due (DSA Art. 17(1)) and the "
    "Transparency Database would refuse one (at least one restriction is required)"
)


@dataclass
class ExportReport:
    since: dt.date
    until: dt.date
    exported: int = 0
    decisions: int = 0
    no_action: int = 0
    invalid: list[tuple[str, list[SorError]]] = field(default_factory=list)
    without_statement: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.invalid and not self.without_statement

    def lines(self) -> list[str]:
        out = [
            f"Period {self.since} to {self.until} (application date, UTC): "
            f"{self.decisions} decisions took effect.",
            f"Statements exported: {self.exported}, every one valid against the schema.",
            f"Left out: {self.no_action} no-action decision(s): {NO_ACTION_REASON}.",
        ]
        for puid, errors in self.invalid:
            out.append(f"INVALID {puid}: " + "; ".join(str(e) for e in errors))
        if self.without_statement:
            ids = ", ".join(str(pk) for pk in self.without_statement)
            out.append(f"MISSING: restricting decision(s) without a statement: {ids}")
        return out


def period_bounds(since: dt.date, until: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """[since 00:00 UTC, the day after until 00:00 UTC): both days are included."""
    start = dt.datetime.combine(since, dt.time.min, tzinfo=dt.UTC)
    return start, dt.datetime.combine(until + dt.timedelta(days=1), dt.time.min, tzinfo=dt.UTC)


def statement_records(
    *, since: dt.date, until: dt.date, schema: dict | None = None, batch: int = 500
) -> Iterator[tuple[str, dict]]:
    """(stored puid, export record) for each statement in the period, in id order."""
    schema = schema or load_schema()
    start, end = period_bounds(since, until)
    statements = statements_applied_between(start=start, end=end)
    last = 0
    while True:
        rows = list(statements.filter(pk__gt=last)[:batch])
        if not rows:
            return
        for statement in rows:
            yield statement.puid, export_record(statement, schema)
        last = rows[-1].pk


def export_record(statement, schema: dict) -> dict:
    texts = set(free_text_fields(schema))
    names = _people_names(statement)
    stored = statement.fields or {}
    record = {}
    for name in [*schema["fields"], *(k for k in stored if k not in schema["fields"])]:
        value = stored.get(name)
        if name in texts and isinstance(value, str):
            value = scrub(value, names)[: schema["fields"][name].get("max_length")]
        if value not in (None, "", []):
            record[name] = value
    return record


def _people_names(statement) -> set[str]:
    decision = statement.decision
    case = decision.case
    notices = list(case.notices.all())
    return names_of(
        statement.recipient,
        case.target_owner,
        decision.moderator,
        decision.approved_by,
        *(n.notifier for n in notices),
        extra=[t for n in notices for t in (n.notifier_name, n.notifier_email)],
    )


def export_statements(
    *, since: dt.date, until: dt.date, jsonl: TextIO, csv_out: TextIO, schema: dict | None = None
) -> ExportReport:
    """Write the period's valid records to both streams and account for every decision."""
    schema = schema or load_schema()
    report = ExportReport(since=since, until=until)
    writer = csv.DictWriter(csv_out, fieldnames=list(schema["fields"]), extrasaction="ignore")
    writer.writeheader()
    for puid, record in statement_records(since=since, until=until, schema=schema):
        errors = validate(record, schema)
        if record.get("puid") != puid:
            errors.append(SorError("puid", f"differs from the stored statement's puid {puid}"))
        if errors:
            report.invalid.append((puid, errors))
            continue
        jsonl.write(json.dumps(record, ensure_ascii=False) + "\n")
        writer.writerow({k: _csv_cell(v) for k, v in record.items()})
        report.exported += 1
    _account_for_decisions(report)
    return report


def _csv_cell(value) -> str:
    """Lists and objects as JSON (e.g. ["CONTENT_TYPE_IMAGE"]), as the database's own
    CSV downloads show them; everything else as text."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list | dict) else value


def _account_for_decisions(report: ExportReport) -> None:
    start, end = period_bounds(report.since, report.until)
    decisions = decisions_applied_between(start=start, end=end)
    report.decisions = decisions.count()
    report.no_action = decisions.filter(action=Decision.Action.NO_ACTION).count()
    report.without_statement = list(
        decisions.exclude(action=Decision.Action.NO_ACTION)
        .filter(statement__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)[:100]
    )


def records_from_jsonl(path) -> Iterator[dict]:
    """Read an export back one record at a time (for submission)."""
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)

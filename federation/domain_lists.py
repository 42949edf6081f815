"""Domain block lists in Mastodon's CSV format (its admin export and import, and the
shared lists built from them):

    #domain,#severity,#reject_media,#reject_reports,#public_comment,#obfuscate

`#severity` is `suspend` (Candid's block), `silence` (limit) or `noop`. A row is one
reasoned decision: the list's public comment is the reason, the importer the moderator.

The whole file is one decision to import it: every row is checked first and any row in
error refuses the file, with every bad row named by its line, and nothing changes (a
half-imported block list is worse than none: the operator could not tell which servers
it covers). Rows that ask for nothing Candid does (`noop` without rejecting media) are
skipped and reported. `domain_list_import` decides all rows in one transaction
(federation/domain_measures.py), fast enough for thousands of rows within a request
(bench/domain_import.py), so no background task is needed.
"""

import csv
import io
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from accounts.models import User
from core.errors import ServiceError
from federation.domain_measures import MeasureEntry, domain_measures_apply, entry_clean
from federation.models import DomainBlock, DomainDecision

HEADER = [
    "#domain",
    "#severity",
    "#reject_media",
    "#reject_reports",
    "#public_comment",
    "#obfuscate",
]
SEVERITY_IN = {"suspend": DomainBlock.Kind.BLOCK, "silence": DomainBlock.Kind.LIMIT, "noop": ""}
SEVERITY_OUT = {
    DomainBlock.Kind.BLOCK: "suspend",
    DomainBlock.Kind.LIMIT: "silence",
    DomainBlock.Kind.REJECT_MEDIA: "noop",
}
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 50_000


class ListError(ServiceError):
    """The file is refused; `problems` names each bad line."""

    def __init__(self, problems: list[str]):
        super().__init__(_("The list was not imported; nothing changed.") + " " + problems[0])
        self.problems = problems


@dataclass
class ImportResult:
    decisions: list[DomainDecision] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def domain_list_import(*, moderator: User | None, data: bytes, default_reason: str = ""):
    """Imports a Mastodon CSV block list, all rows or none. `default_reason` stands in for
    an empty `#public_comment` (given by the importer); without either a row is refused."""
    entries, skipped = domain_list_read(data, default_reason=default_reason)
    source = DomainDecision.Source.IMPORT
    decisions = domain_measures_apply(moderator=moderator, entries=entries, source=source)
    return ImportResult(decisions, skipped)


def domain_list_read(data: bytes, *, default_reason: str = "") -> tuple[list, list[str]]:
    """The entries of a list, or ListError naming every bad line."""
    if len(data) > MAX_BYTES:
        raise ListError([_("The file is larger than 5 MB.")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ListError([_("The file is not UTF-8 text.")]) from None
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or [c.strip() for c in rows[0]][:2] != HEADER[:2]:
        raise ListError([_("The first line must be the header %(header)s.") % _header()])
    columns = [c.strip() for c in rows[0]]
    entries, skipped, problems, seen = [], [], [], {}
    for line, row in enumerate(rows[1 : MAX_ROWS + 2], start=2):
        if not any(cell.strip() for cell in row):
            continue
        try:
            entry = _entry(dict(zip(columns, row, strict=False)), default_reason)
        except ServiceError as error:
            problems.append(_("Line %(line)s: %(problem)s") % {"line": line, "problem": error})
            continue
        if entry is None:
            skipped.append(row[0].strip())
        elif entry.domain in seen:
            problems.append(
                _("Line %(line)s: %(domain)s is already on line %(first)s.")
                % {"line": line, "domain": entry.domain, "first": seen[entry.domain]}
            )
        else:
            seen[entry.domain] = line
            entries.append(entry)
    if len(rows) > MAX_ROWS + 1:
        problems.append(_("The list has more than %(count)s rows.") % {"count": MAX_ROWS})
    if problems:
        raise ListError(problems)
    return entries, skipped


def _entry(cells: dict, default_reason: str) -> MeasureEntry | None:
    severity = cells.get("#severity", "").strip().lower()
    if severity not in SEVERITY_IN:
        raise ServiceError(
            _("The severity “%(value)s” is not suspend, silence or noop.") % {"value": severity}
        )
    reject_media = _flag(cells, "#reject_media")
    kind = SEVERITY_IN[severity] or (DomainBlock.Kind.REJECT_MEDIA if reject_media else "")
    if not kind:
        return None
    reason = cells.get("#public_comment", "").strip() or default_reason
    entry = MeasureEntry(
        domain=cells.get("#domain", ""),
        kind=kind,
        public_reason=reason,
        reject_media=reject_media and kind == DomainBlock.Kind.LIMIT,
        reject_reports=_flag(cells, "#reject_reports"),
        obfuscate=_flag(cells, "#obfuscate"),
    )
    return entry_clean(entry)


def _flag(cells: dict, column: str) -> bool:
    value = cells.get(column, "").strip().lower()
    if value in ("", "false", "0", "no"):
        return False
    if value in ("true", "1", "yes"):
        return True
    raise ServiceError(
        _("%(column)s must be true or false, not “%(value)s”.") % {"column": column, "value": value}
    )


def _header() -> dict:
    return {"header": ",".join(HEADER)}


def domain_list_export() -> str:
    """Every measure in force as a Mastodon CSV list, by domain."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for block in DomainBlock.objects.order_by("domain").iterator():
        media = block.kind in (DomainBlock.Kind.BLOCK, DomainBlock.Kind.REJECT_MEDIA)
        writer.writerow(
            [
                block.domain,
                SEVERITY_OUT[block.kind],
                _bool(media or block.reject_media),
                _bool(block.reject_reports or block.kind == DomainBlock.Kind.BLOCK),
                block.public_reason,
                _bool(block.obfuscate),
            ]
        )
    return out.getvalue()


def _bool(value: bool) -> str:
    return "true" if value else "false"

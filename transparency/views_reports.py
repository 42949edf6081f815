"""Public report pages: /transparency/reports/<netzdg|dsa>/<period>/ with charts, and the
same report as .csv, .xlsx and .json. ?lang=de gives the German report."""

from functools import wraps

from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import override
from django.views.decorators.http import require_GET

from transparency.facts import LogIncomplete
from transparency.reports import report_kinds
from transparency.reports.charts import table_chart
from transparency.reports.export import filename, report_csv, report_json, report_xlsx
from transparency.reports.periods import PeriodError
from transparency.selectors import chain_head

BUILDERS = report_kinds()
REPORT_SECONDS = 3600
LANGUAGES = ("en", "de")
PAGE_HIDDEN = {"Applicability", "Service", "Reporting period"}
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
}
RENDERERS = {"csv": report_csv, "xlsx": report_xlsx, "json": report_json}


def build(kind: str, period: str, lang: str):
    """The report as of the current chain head, built once per head: every moderation
    change moves the head, so a kept report is never behind the log. Only the active
    recipients of a month closed since (not a logged event) wait up to REPORT_SECONDS."""
    builder = BUILDERS.get(kind)
    if builder is None:
        raise Http404("No such report: choose netzdg or dsa.")
    head = chain_head()
    key = _key(kind, period, lang, {"seq": head.seq, "hash": head.hash})
    report = cache.get(key)
    if report is None:
        try:
            report = builder(period, lang=lang)
        except PeriodError as error:
            raise Http404(str(error)) from error
        except LogIncomplete as error:
            raise ReportRefused(str(error)) from error
        cache.set(key, report, REPORT_SECONDS)
    return report


def _key(kind: str, period: str, lang: str, head: dict) -> str:
    """A report, and its page with the charts drawn, are kept per chain head."""
    return f"transparency:report:{kind}:{period}:{lang}:{head['seq']}:{head['hash']}"


class ReportRefused(Exception):
    """The log is incomplete or a breakdown does not add up: nothing is published."""


def _lang(request) -> str:
    lang = request.GET.get("lang", "en")
    return lang if lang in LANGUAGES else "en"


def refusing(view):
    """Answer 503 with the reason instead of publishing figures that do not add up."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except ReportRefused as error:
            return HttpResponse(
                f"This report is not available: {error}", status=503, content_type="text/plain"
            )

    return wrapped


@require_GET
@refusing
def report_page(request, kind: str, period: str):
    lang = _lang(request)
    report = build(kind, period, lang)
    with override(lang):
        tables = cache.get_or_set(
            f"{_key(kind, period, lang, report.head)}:page",
            lambda: [_shown(table) for table in report.tables],
            REPORT_SECONDS,
        )
        files = {
            f"{fmt}_url": reverse("transparency_report_file", args=[kind, report.period, fmt])
            + f"?lang={lang}"
            for fmt in CONTENT_TYPES
        }
        context = {"report": report, "tables": tables, "lang": lang, **files}
        return render(request, f"transparency/report_{kind}.html", context)


@require_GET
@refusing
def report_file(request, kind: str, period: str, fmt: str):
    if fmt not in CONTENT_TYPES:
        raise Http404("Reports download as .csv, .xlsx or .json.")
    report = build(kind, period, _lang(request))
    body = RENDERERS[fmt](report)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename(report, fmt)}"'
    return response


def _shown(table) -> dict:
    """The table as the page shows it: columns empty in every row (mostly the template's
    "contextual information" columns) and the same-in-every-row lead columns are left
    to the downloads."""
    keep = [
        i
        for i, name in enumerate(table.columns)
        if name not in PAGE_HIDDEN
        and not name.lower().startswith("contextual information")
        and any(row[i] != "" for row in table.rows)
    ]
    rows = table.rows
    if table.compact:  # per-category tables: categories without figures stay in the files
        rows = [rows[0], *(r for r in rows[1:] if any(_figure(c) for c in r))]
    return {
        "key": table.key,
        "title": table.title,
        "note": table.note,
        "columns": [table.columns[i] for i in keep],
        "rows": [[row[i] for i in keep] for row in rows],
        "chart": table_chart(table),
    }


def _figure(cell) -> bool:
    return isinstance(cell, int | float) and not isinstance(cell, bool) and cell != 0

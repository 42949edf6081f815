"""Write the DSA transparency report (by calendar year) or the historical NetzDG report
(by half-year; not a legal duty since 14 May 2024) as CSV, XLSX and JSON, from the event log.

python manage.py transparency_report --kind dsa --period 2026
python manage.py transparency_report --kind netzdg --period 2024-H1 --lang de --out reports/
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from transparency.activity import months_close
from transparency.facts import LogIncomplete
from transparency.reports import report_kinds
from transparency.reports.export import filename, report_csv, report_json, report_xlsx
from transparency.reports.periods import PeriodError

BUILDERS = report_kinds()


class Command(BaseCommand):
    help = (
        "Write the DSA transparency report (calendar year) or the historical NetzDG report "
        "(half-year) as CSV, XLSX and JSON."
    )

    def add_arguments(self, parser):
        parser.add_argument("--kind", required=True, choices=sorted(BUILDERS))
        parser.add_argument(
            "--period", required=True, help="2026 (DSA, calendar year) or 2024-H1 (NetzDG)"
        )
        parser.add_argument("--lang", default="en", choices=["en", "de"])
        parser.add_argument("--out", default=".", help="Directory for the files")

    def handle(self, *args, kind, period, lang, out, **options):
        closed = months_close()
        if closed:
            self.stdout.write(f"Closed active-recipient counts for {', '.join(closed)}.")
        try:
            report = BUILDERS[kind](period, lang=lang)
        except (PeriodError, LogIncomplete) as error:
            raise CommandError(str(error)) from error
        directory = Path(out)
        directory.mkdir(parents=True, exist_ok=True)
        for extension, render in (("csv", report_csv), ("json", report_json)):
            path = directory / filename(report, extension)
            path.write_text(render(report), encoding="utf-8")
            self.stdout.write(str(path))
        path = directory / filename(report, "xlsx")
        path.write_bytes(report_xlsx(report))
        self.stdout.write(str(path))
        head = report.head
        self.stdout.write(
            f"Notices received {report.received}, counted in every breakdown {report.counted}. "
            f"Chain head #{head['seq']} {head['hash']} at {head['time'] or '-'}"
        )

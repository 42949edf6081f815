"""CSV and JSON renderings of a report. The CSV holds one section per table: a line
naming the table, the template's column headings, the rows, then a blank line. The
chain head and the reconciliation are sections like any other, so every file carries
them."""

import csv
import io
import json

from transparency.reports.tables import Report


def report_csv(report: Report) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([report.title])
    if report.status:
        writer.writerow([report.status])
    writer.writerow([f"{report.period}", f"generated {report.generated_at}"])
    writer.writerow([])
    for table in report.tables:
        writer.writerow([f"[{table.key}] {table.title}"])
        writer.writerow(table.columns)
        writer.writerows(_cells(row) for row in table.rows)
        if table.note:
            writer.writerow([f"Note: {table.note}"])
        writer.writerow([])
    return out.getvalue()


def report_json(report: Report) -> str:
    return json.dumps(report.as_dict(), ensure_ascii=False, indent=1, default=str)


def filename(report: Report, extension: str) -> str:
    return f"candid-{report.kind}-{report.period}-{report.lang}.{extension}"


def _cells(row: list) -> list:
    return ["" if cell is None else cell for cell in row]

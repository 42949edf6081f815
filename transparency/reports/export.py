"""CSV, XLSX and JSON renderings of a report. The CSV holds one section per table: a line
naming the table, the template's column headings, the rows, then a blank line. The XLSX
(the other file format IR 2024/2835 allows) has a first sheet naming the report and its
status, then one sheet per table under its key. The chain head and the reconciliation
are tables like any other, so every file carries them."""

import csv
import io
import json

from openpyxl import Workbook

from transparency.reports.tables import Report

SHEET_NAME_MAX = 31  # Excel's limit


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


def report_xlsx(report: Report) -> bytes:
    book = Workbook()
    cover = book.active
    cover.title = "report"
    for row in ([report.title], [report.status], [report.period], [report.generated_at]):
        cover.append(row)
    for table in report.tables:
        sheet = book.create_sheet(table.key[:SHEET_NAME_MAX])
        sheet.append([table.title])
        sheet.append(table.columns)
        for row in table.rows:
            sheet.append(_cells(row))
        if table.note:
            sheet.append([f"Note: {table.note}"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def report_json(report: Report) -> str:
    return json.dumps(report.as_dict(), ensure_ascii=False, indent=1, default=str)


def filename(report: Report, extension: str) -> str:
    return f"candid-{report.kind}-{report.period}-{report.lang}.{extension}"


def _cells(row: list) -> list:
    return ["" if cell is None else cell for cell in row]

"""Measures on other servers in the DSA report (issue #20): counted from the public log
as own-initiative measures in a table of their own, beside a reconciled report."""

from datetime import UTC, datetime

import time_machine
from django.urls import reverse

from federation.domain_lists import domain_list_import
from federation.domain_measures import MeasureEntry, domain_measure_lift, domain_measure_set
from transparency.reports.dsa import dsa_report
from transparency.reports.netzdg import netzdg_report

APRIL = datetime(2026, 4, 7, 9, 0, tzinfo=UTC)
HEAD = "#domain,#severity,#reject_media,#reject_reports,#public_comment,#obfuscate"


def figures(table) -> dict:
    return {row[0]: row[1] for row in table.rows}


def test_server_measures_are_counted_as_own_initiative_measures(mod, photo, report, decide):
    with time_machine.travel(APRIL, tick=False):
        entry = MeasureEntry(domain="spam.example", kind="limit", public_reason="Spam")
        domain_measure_set(moderator=mod, entry=entry, source="web")
        worse = MeasureEntry(domain="spam.example", kind="block", public_reason="Worse")
        domain_measure_set(moderator=mod, entry=worse, source="web")
        data = f"{HEAD}\na.example,suspend,,,Spam,\nb.example,noop,true,,Gore,\n".encode()
        domain_list_import(moderator=mod, data=data)
        domain_measure_lift(
            moderator=mod, domain="a.example", public_reason="Mistake", source="web"
        )
        decide(report(photo).case)  # a notice and its decision: the report still reconciles

    report = dsa_report("2026")

    table = {t.key: t for t in report.tables}["server_measures"]
    assert list(figures(table).values()) == [4, 1, 2, 1, 1]
    assert report.received == report.counted
    assert dsa_report("2025").tables[-1].rows[0][1] == 0
    assert netzdg_report("2026-H1").received == netzdg_report("2026-H1").counted


def test_the_report_page_shows_the_server_table_in_german(client, mod):
    with time_machine.travel(APRIL, tick=False):
        entry = MeasureEntry(domain="spam.example", kind="block", public_reason="Spam")
        domain_measure_set(moderator=mod, entry=entry, source="web")
    url = reverse("transparency_report", args=["dsa", "2026"])
    html = client.get(url, {"lang": "de"}).content.decode()
    assert "Maßnahmen aus eigener Initiative gegen andere Server" in html

"""The DSA report is the current one, by calendar year; the NetzDG report is a labelled
historical view (the DDG repealed § 2 NetzDG on 14 May 2024), on the page and in the files."""

import io
import json
from datetime import UTC, datetime

import pytest
import time_machine
from django.core.management import call_command
from openpyxl import load_workbook

from moderation.services.notices import notice_submit
from moderation.services.targets import Target
from tests.transparency.test_reports_output import sections

HISTORICAL_EN = (
    "Historical view: the NetzDG report has not been a legal duty since 14 May 2024 "
    "(repealed by the Digitale-Dienste-Gesetz) and applied only to networks with 2 million "
    "or more registered users in Germany."
)
HISTORICAL_DE = (
    "Historische Ansicht: Der NetzDG-Bericht ist seit dem 14. Mai 2024 keine gesetzliche "
    "Pflicht mehr (aufgehoben durch das Digitale-Dienste-Gesetz) und galt nur für Netzwerke "
    "mit mindestens 2 Millionen registrierten Nutzern in Deutschland."
)
VOLUNTARY = (
    "Published voluntarily: micro and small enterprises are exempt from transparency "
    "reports (Art. 15(2) DSA)."
)


@pytest.fixture
def two_notices(alice, bob, upload):
    """Notices received in March and in October 2026: two half-years, one calendar year."""
    for moment in (datetime(2026, 3, 2, tzinfo=UTC), datetime(2026, 10, 2, tzinfo=UTC)):
        with time_machine.travel(moment, tick=False):
            notice_submit(
                target=Target("photo", upload(alice)),
                ground="rules",
                rule_code="harassment",
                explanation="This photo targets a person repeatedly.",
                notifier=bob,
            )


def test_netzdg_page_and_files_say_it_is_historical(client, two_notices):
    html = client.get("/transparency/reports/netzdg/2026-H1/").content.decode()
    assert 'id="report-status"' in html and HISTORICAL_EN in html
    assert "NetzDG report 2026-H1 (historical)" in html
    text = client.get("/transparency/reports/netzdg/2026-H1.csv").content.decode()
    assert text.splitlines()[1].startswith(HISTORICAL_EN)
    data = client.get("/transparency/reports/netzdg/2026-H1.json").json()
    assert data["status"].startswith(HISTORICAL_EN)


def test_netzdg_page_says_so_in_german(client, two_notices):
    html = client.get("/transparency/reports/netzdg/2026-H1/?lang=de").content.decode()
    assert HISTORICAL_DE in html and "NetzDG-Bericht 2026-H1 (historisch)" in html
    text = client.get("/transparency/reports/netzdg/2026-H1.csv?lang=de").content.decode()
    assert HISTORICAL_DE in text


def test_the_dsa_report_covers_the_calendar_year(client, two_notices):
    data = client.get("/transparency/reports/dsa/2026.json").json()
    assert data["reconciliation"]["notices_received"] == 2
    rows = data["tables"]["1_report_identification"]["rows"]
    values = {row[2]: row[3] for row in rows}
    assert values["Starting date of reporting period"] == "2026-01-01"
    assert values["Ending date of reporting period"] == "2026-12-31"
    text = client.get("/transparency/reports/dsa/2026.csv").content.decode()
    assert sections(text)["4_notices"][1][2] == "2026-01-01/2026-12-31"


@pytest.mark.parametrize(
    "size, status",
    [
        ("micro_or_small", VOLUNTARY),
        ("other", "Published under Articles 15 and 24 DSA."),
    ],
)
def test_the_dsa_report_says_whether_it_is_voluntary(client, db, settings, size, status):
    settings.CANDID_OPERATOR = {"size": size, "country": "DE"}
    html = client.get("/transparency/reports/dsa/2026/").content.decode()
    assert status in html and "historical" not in html.lower()
    assert json.loads(client.get("/transparency/reports/dsa/2026.json").content)["status"] == (
        status
    )


def test_the_dsa_status_in_german(client, db, settings):
    settings.CANDID_OPERATOR = {"size": "micro_or_small", "country": "DE"}
    html = client.get("/transparency/reports/dsa/2026/?lang=de").content.decode()
    assert "Freiwillig veröffentlicht" in html and "Art. 15 Abs. 2 DSA" in html


def test_the_dsa_report_downloads_as_xlsx_with_a_sheet_per_template_table(
    client, two_notices, settings
):
    settings.CANDID_OPERATOR = {"size": "micro_or_small", "country": "DE"}
    response = client.get("/transparency/reports/dsa/2026.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="candid-dsa-2026-en.xlsx"' in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    assert {"1_report_identification", "3_member_states_orders", "4_notices"} <= set(
        book.sheetnames
    )
    cover = [row[0] for row in book["report"].iter_rows(values_only=True)]
    assert cover[:3] == ["DSA transparency report 2026", VOLUNTARY, "2026"]
    notices = list(book["4_notices"].iter_rows(values_only=True))
    assert notices[2][2] == "2026-01-01/2026-12-31"  # title, headings, then the total row
    html = client.get("/transparency/reports/dsa/2026/").content.decode()
    assert 'href="/transparency/reports/dsa/2026.xlsx?lang=en"' in html


def test_the_command_writes_the_xlsx_too(two_notices, tmp_path):
    call_command("transparency_report", "--kind", "dsa", "--period", "2026", "--out", tmp_path)
    book = load_workbook(tmp_path / "candid-dsa-2026-en.xlsx", read_only=True)
    assert "4_notices" in book.sheetnames


def test_a_year_before_the_templates_says_they_apply_from_july_2025(client, db, settings):
    settings.CANDID_OPERATOR = {"size": "other", "country": "DE"}
    note = "The harmonised templates apply to data from 1 July 2025"
    assert note in client.get("/transparency/reports/dsa/2025.json").json()["status"]
    assert note not in client.get("/transparency/reports/dsa/2026.json").json()["status"]
    german = client.get("/transparency/reports/dsa/2025/?lang=de").content.decode()
    assert "gelten für Daten ab dem 1. Juli 2025" in german

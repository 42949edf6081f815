"""The report pages (charts, reconciliation, chain head, German), the CSV and JSON files
in the template's tables, and the `transparency_report` command."""

import csv
import io
import json
from datetime import UTC, datetime

import pytest
import time_machine
from django.core.management import CommandError, call_command

from core.models import ChainHead, Event
from moderation.services.notices import notice_submit
from moderation.services.targets import Target
from transparency.reports import dsa_columns as C

MAY = datetime(2026, 5, 4, 8, 0, tzinfo=UTC)


@pytest.fixture
def decided(alice, bob, upload, decide):
    """Two notices received in May 2026, one decided (removed) a day later."""
    with time_machine.travel(MAY, tick=False):
        photos = [upload(alice), upload(alice)]
        notices = [
            notice_submit(
                target=Target("photo", photo),
                ground="illegal",
                country="DE",
                law="§ 185 StGB",
                good_faith=True,
                category="STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH",
                explanation="The caption insults a named person.",
                notifier=bob,
                notifier_type=kind,
            )
            for photo, kind in zip(photos, ["complaint_body", "user"], strict=True)
        ]
    with time_machine.travel(datetime(2026, 5, 5, 8, 0, tzinfo=UTC), tick=False):
        decide(notices[0].case)
    return notices


def sections(text: str) -> dict[str, list[list[str]]]:
    """CSV sections by table key: the heading row and the data rows."""
    found, key = {}, None
    for row in csv.reader(io.StringIO(text)):
        if len(row) == 1 and row[0].startswith("["):
            key = row[0][1 : row[0].index("]")]
            found[key] = []
        elif key and row and not row[0].startswith("Note: "):
            found[key].append(row)
        elif not row:
            key = None
    return found


@pytest.mark.parametrize(
    "kind, charts, labels",
    [
        ("netzdg", 3, ["Complaints bodies", "Within 24 hours"]),
        (
            "dsa",
            1,
            [
                "Report identification",
                "Orders from Member State authorities",
                "Notices received (Art. 16)",
            ],
        ),
    ],
)
def test_report_page_draws_charts_and_states_reconciliation_and_chain_head(
    client, decided, kind, charts, labels
):
    response = client.get(f"/transparency/reports/{kind}/2026-H1/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<svg") >= charts
    assert "Notices received in the period: <strong>2</strong>" in html
    assert "Counted in every breakdown: <strong>2</strong>" in html
    head = ChainHead.objects.get()
    assert f"#{head.seq}" in html and head.hash in html
    for label in labels:
        assert label in html, label
    assert f'href="/transparency/reports/{kind}/2026-H1.csv?lang=en"' in html


def test_german_report_uses_german_labels_on_page_and_in_files(client, decided):
    html = client.get("/transparency/reports/netzdg/2026-H1/?lang=de").content.decode()
    for german in (
        "NetzDG-Bericht 2026-H1 (historisch)",
        "Beschwerden nach Art des Beschwerdeführers",
        "Innerhalb von 24 Stunden",
        "Beschwerdestellen",
        "Im Zeitraum eingegangene Meldungen: <strong>2</strong>",
    ):
        assert german in html
    assert "Complaints by notifier type" not in html
    text = client.get("/transparency/reports/netzdg/2026-H1.csv?lang=de").content.decode()
    tables = sections(text)
    assert tables["by_notifier_type"][0][:2] == [
        "Art des Beschwerdeführers",
        "Eingegangene Beschwerden",
    ]
    assert ["Beschwerdestellen", "1", "1", "0", "0", "0"] in tables["by_notifier_type"]


def test_dsa_csv_has_the_template_tables_and_columns(client, decided):
    response = client.get("/transparency/reports/dsa/2026.csv")
    assert response["Content-Disposition"] == 'attachment; filename="candid-dsa-2026-en.csv"'
    tables = sections(response.content.decode())
    assert list(tables) == [
        "chain_head", "reconciliation", "1_report_identification", "3_member_states_orders",
        "4_notices", "5_own_initiative_illegal", "6_own_initiative_TC",
        "7_appeals_and_recidivism", "8_automated_means", "9_human_resources", "10_AMAR",
        "by_channel", "art18_notifications", "server_measures",
    ]  # fmt: skip
    notices = tables["4_notices"]
    assert notices[0][:15] == [*C.LEAD, *C.CATEGORY, *C.NOTICES]
    assert notices[0][15] == "Contextual information on Number of notices received"
    assert notices[1][3:6] == ["TOTAL", "", "2"] and notices[1][2] == "2026-01-01/2026-12-31"
    assert tables["7_appeals_and_recidivism"][0] == C.LONG
    assert tables["1_report_identification"][0] == C.IDENTIFICATION
    assert tables["5_own_initiative_illegal"][0][5:21] == C.OWN_INITIATIVE
    human = tables["9_human_resources"][1]
    assert human[6] == "not applicable (micro/small enterprise)"
    head = ChainHead.objects.get()
    assert tables["chain_head"][1][:2] == [str(head.seq), head.hash]


def test_json_download_carries_chain_head_reconciliation_and_tables(client, decided):
    data = json.loads(client.get("/transparency/reports/dsa/2026-H1.json").content)
    head = ChainHead.objects.get()
    assert data["chain_head"]["seq"] == head.seq and data["chain_head"]["hash"] == head.hash
    assert data["reconciliation"]["notices_received"] == 2
    assert data["reconciliation"]["notices_counted_in_breakdowns"] == 2
    assert data["tables"]["4_notices"]["rows"][0][5] == 2
    assert data["tables"]["4_notices"]["rows"][0][9] == 24.0  # median hours to action


def test_unknown_report_or_period_answers_404(client, db):
    assert client.get("/transparency/reports/netzdg/2026/").status_code == 404
    assert client.get("/transparency/reports/nope/2026-H1/").status_code == 404
    assert client.get("/transparency/reports/dsa/2026-H9.csv").status_code == 404
    assert client.get("/transparency/reports/dsa/2026-H1.xml").status_code == 404


def test_incomplete_log_answers_503_and_publishes_nothing(client, decided):
    Event.objects.filter(kind="moderation.notice_received").first().delete()
    response = client.get("/transparency/reports/netzdg/2026-H1/")
    assert response.status_code == 503 and b"verify_event_log" in response.content


def test_command_writes_csv_and_json_and_prints_the_chain_head(decided, tmp_path, capsys):
    call_command(
        "transparency_report", kind="netzdg", period="2026-H1", lang="de", out=str(tmp_path)
    )
    out = capsys.readouterr().out
    head = ChainHead.objects.get()
    assert f"Chain head #{head.seq} {head.hash}" in out
    csv_file = tmp_path / "candid-netzdg-2026-H1-de.csv"
    json_file = tmp_path / "candid-netzdg-2026-H1-de.json"
    assert str(csv_file) in out and str(json_file) in out
    assert "Beschwerden nach Beschwerdegrund" in csv_file.read_text()
    assert json.loads(json_file.read_text())["chain_head"]["hash"] == head.hash
    call_command("transparency_report", kind="dsa", period="2026", out=str(tmp_path))
    assert (tmp_path / "candid-dsa-2026-en.csv").exists()


def test_command_refuses_a_bad_period(db, tmp_path):
    with pytest.raises(CommandError, match="not a report period"):
        call_command("transparency_report", kind="dsa", period="2026-H7", out=str(tmp_path))
    with pytest.raises(CommandError, match="half-year"):
        call_command("transparency_report", kind="netzdg", period="2026", out=str(tmp_path))
    assert not list(tmp_path.iterdir())


def test_report_is_kept_per_chain_head_and_rebuilt_when_the_log_moves(
    client, decided, alice, bob, upload, monkeypatch
):
    from transparency import views_reports

    built = []
    netzdg = views_reports.BUILDERS["netzdg"]
    monkeypatch.setitem(
        views_reports.BUILDERS, "netzdg", lambda *a, **k: built.append(1) or netzdg(*a, **k)
    )
    page = "/transparency/reports/netzdg/2026-H1/"
    assert "received in the period: <strong>2</strong>" in client.get(page).content.decode()
    assert "received in the period: <strong>2</strong>" in client.get(page).content.decode()
    assert len(built) == 1
    with time_machine.travel(MAY, tick=False):
        notice_submit(
            target=Target("photo", upload(alice)),
            ground="rules",
            rule_code="harassment",
            explanation="It mocks a person.",
            notifier=bob,
        )
    assert "received in the period: <strong>3</strong>" in client.get(page).content.decode()
    assert len(built) == 2

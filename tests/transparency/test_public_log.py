"""The public transparency page and the downloadable, verifiable event log."""

import datetime as dt
import json
import re

import pytest
from django.core.management import CommandError, call_command
from django.http import StreamingHttpResponse

from core.models import ChainHead
from moderation.services.targets import Target
from tests.transparency.sor_support import RULES_DECISION, decide, illegal_notice, rules_notice
from transparency import views_public
from transparency.views_public import dsa_years, netzdg_half_years


@pytest.fixture
def moderated(alice, bob, make_user, upload):
    """Notices with names, e-mails and free text; a decision; a statement."""
    photo = upload(alice, title="Harbour at night")
    rules_notice(
        Target("photo", photo),
        None,
        notifier_name="Zelda Notifier",
        notifier_email="zelda@example.net",
        explanation="Secret free text from Zelda.",
    )
    notice = illegal_notice(Target("photo", photo), bob)
    decide(notice.case, make_user("mod1", role="moderator"), **RULES_DECISION)
    return ChainHead.objects.get()


def download(client) -> bytes:
    response = client.get("/transparency/events.jsonl")
    assert response.status_code == 200 and isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content)


def test_page_shows_the_chain_head(client, moderated):
    response = client.get("/transparency/")
    page = response.content.decode()
    assert moderated.seq >= 4
    assert f"#{moderated.seq}" in page and moderated.hash in page
    assert f"{moderated.updated_at:%-d %B %Y, %H:%M:%S} UTC" in page
    assert "python manage.py verify_event_log --file events.jsonl" in page
    assert 'href="/transparency/events.jsonl"' in page


def test_page_links_the_calendar_year_dsa_reports_first(client, db):
    page = client.get("/transparency/").content.decode()
    year = dt.date.today().year
    current = page.index(f'href="/transparency/reports/dsa/{year}/"')
    previous = page.index(f'href="/transparency/reports/dsa/{year - 1}/"')
    netzdg = page.index('href="/transparency/reports/netzdg/')
    assert current < previous < netzdg
    assert f"due by the end of February {year}" in page
    assert 'href="/transparency/reports/dsa/' + f"{year}-H" not in page


def test_netzdg_reports_are_listed_as_historical(client, db):
    page = client.get("/transparency/").content.decode()
    historical = page.index('id="historical-reports"')
    assert historical < page.index('href="/transparency/reports/netzdg/2024-H1/"')
    assert "not been a legal duty since 14 May 2024" in page
    assert "2 million or more registered users in Germany" in page
    assert "NetzDG report January–June 2024 (historical)" in page


@pytest.mark.parametrize(
    "day, codes",
    [
        (dt.date(2026, 1, 1), ["2026", "2025"]),
        (dt.date(2026, 12, 31), ["2026", "2025"]),
        (dt.date(2027, 2, 1), ["2027", "2026"]),
    ],
)
def test_dsa_years_are_the_running_then_the_previous_year(day, codes):
    assert [p["code"] for p in dsa_years(day)] == codes


def test_netzdg_periods_end_with_the_half_year_the_ddg_repealed_it():
    assert [p["code"] for p in netzdg_half_years()] == ["2024-H1", "2023-H2", "2023-H1", "2022-H2"]


def test_empty_log_says_so(client, db):
    page = client.get("/transparency/").content.decode()
    assert "The log is empty" in page
    assert download(client) == b""


def test_download_is_a_jsonl_attachment(client, moderated):
    response = client.get("/transparency/events.jsonl")
    assert response["Content-Type"].startswith("application/jsonl")
    assert response["Content-Disposition"] == 'attachment; filename="events.jsonl"'
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert [json.loads(line)["seq"] for line in lines] == list(range(1, moderated.seq + 1))


def test_download_round_trips_through_the_verifier(client, moderated, tmp_path, capsys):
    path = tmp_path / "events.jsonl"
    path.write_bytes(download(client))
    call_command("verify_event_log", "--file", str(path))
    out = capsys.readouterr().out
    assert out.startswith(f"OK: {moderated.seq} events") and moderated.hash in out


@pytest.mark.parametrize(
    "tamper, words",
    [
        (lambda rs: rs[1]["data"].update(ground="illegal"), "altered"),
        (lambda rs: rs.pop(2), "missing"),
    ],
)
def test_tampered_download_is_caught(client, moderated, tmp_path, tamper, words):
    records = [json.loads(line) for line in download(client).decode().splitlines()]
    tamper(records)
    path = tmp_path / "events.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records))
    with pytest.raises(CommandError, match=rf"BROKEN at event #\d+: .*{words}"):
        call_command("verify_event_log", "--file", str(path))


def test_download_holds_no_personal_data(client, moderated, alice, bob):
    text = download(client).decode()
    for personal in [
        "Zelda",
        "zelda@example.net",
        "Secret free text",
        alice.username,
        alice.email,
        "Alice Example",
        bob.email,
        "Harbour at night",
        "mod1",
    ]:
        assert personal not in text, personal


def test_log_page_lists_newest_events_first_and_pages_back(client, moderated):
    page = client.get("/transparency/log/").content.decode()
    assert page.index(f'id="event-{moderated.seq}"') < page.index('id="event-1"')
    older = client.get("/transparency/log/", {"before": 2}).content.decode()
    assert 'id="event-1"' in older and 'id="event-2"' not in older
    assert "Zelda" not in page and "zelda@example.net" not in page


def test_log_pages_link_back_to_the_first_event_and_no_further(client, moderated, monkeypatch):
    monkeypatch.setattr(views_public, "LOG_PAGE_SIZE", 2)
    seen, url = [], "/transparency/log/"
    while url:
        page = client.get(url).content.decode()
        seen += [int(seq) for seq in re.findall(r'id="event-(\d+)"', page)]
        older = re.search(r'<a href="(\?before=\d+)">Older events</a>', page)
        url = "/transparency/log/" + older.group(1) if older else None
    assert seen == list(range(moderated.seq, 0, -1))


def test_log_page_refuses_a_bad_sequence_number(client, db):
    assert client.get("/transparency/log/", {"before": "x; drop"}).status_code == 404


def test_download_refuses_other_methods(client, db):
    assert client.post("/transparency/events.jsonl").status_code == 405

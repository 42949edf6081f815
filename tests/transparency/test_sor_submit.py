"""Submission to the Transparency Database API. A stand-in server on 127.0.0.1 plays the
database; no test reaches another host."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from core.models import Event
from moderation.services.targets import Target
from tests.transparency.sor_support import (
    RULES_DECISION,
    FakeDatabase,
    decide,
    every_kind_of_decision,
    rules_notice,
    valid_record,
)
from transparency.sor.submit import (
    SUBMITTED,
    SubmissionError,
    TokenRefused,
    statements_submit,
    submitted_puids,
)


@pytest.fixture(autouse=True)
def nowhere(settings):
    """Off by default, and pointed at a closed local port should a test forget the server."""
    settings.CANDID_DSA_DB_TOKEN = ""
    settings.CANDID_DSA_DB_URL = "http://127.0.0.1:9"


@pytest.fixture
def database(settings):
    with FakeDatabase() as fake:
        settings.CANDID_DSA_DB_URL = fake.url
        settings.CANDID_DSA_DB_TOKEN = fake.token
        yield fake


def records(n, start=1):
    return [valid_record(puid=f"candid-decision-{i}") for i in range(start, start + n)]


def test_without_a_token_nothing_is_sent(db, settings):
    with FakeDatabase() as fake:
        settings.CANDID_DSA_DB_URL = fake.url
        report = statements_submit(records=records(3))
    assert not report.enabled and fake.requests == []
    assert not Event.objects.filter(kind=SUBMITTED).exists()


def test_batches_hold_at_most_100_and_accepted_puids_are_recorded(db, database):
    report = statements_submit(records=records(230))
    assert [len(batch) for batch in database.requests] == [100, 100, 30]
    assert len(report.accepted) == 230 and len(database.stored) == 230
    assert submitted_puids() == {f"candid-decision-{i}" for i in range(1, 231)}
    assert Event.objects.filter(kind=SUBMITTED).count() == 3


def test_a_second_run_skips_what_was_accepted(db, database):
    statements_submit(records=records(5))
    report = statements_submit(records=records(7))
    assert report.skipped == 5 and report.accepted == ["candid-decision-6", "candid-decision-7"]
    assert [len(batch) for batch in database.requests] == [5, 2]


def test_invalid_statement_is_rejected_and_the_rest_resent(db, database):
    batch = records(3)
    batch[1]["category"] = "STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE"
    report = statements_submit(records=batch)
    assert list(report.rejected) == ["candid-decision-2"]
    assert "category" in report.rejected["candid-decision-2"]
    assert report.accepted == ["candid-decision-1", "candid-decision-3"]
    assert "candid-decision-2" not in submitted_puids()
    assert [len(b) for b in database.requests] == [3, 2]


def test_puids_already_in_the_database_are_recorded_as_present(db, database):
    database.stored["candid-decision-2"] = {}
    report = statements_submit(records=records(3))
    assert report.already_present == ["candid-decision-2"]
    assert report.accepted == ["candid-decision-1", "candid-decision-3"]
    assert "candid-decision-2" in submitted_puids()


def test_a_refused_token_stops_and_records_nothing(db, database, settings):
    settings.CANDID_DSA_DB_TOKEN = "wrong"
    with pytest.raises(TokenRefused, match="HTTP 401"):
        statements_submit(records=records(3))
    assert database.stored == {} and not Event.objects.filter(kind=SUBMITTED).exists()


def test_a_server_error_stops_with_a_clear_message(db, database):
    database.fail_with = 503
    with pytest.raises(SubmissionError, match="HTTP 503; submission stopped"):
        statements_submit(records=records(2))
    assert submitted_puids() == set()


def test_unreachable_database_is_reported(db, settings):
    settings.CANDID_DSA_DB_TOKEN = "t"
    with pytest.raises(SubmissionError, match="Could not reach"):
        statements_submit(records=records(1), timeout=2)


def test_export_command_submits_every_exported_statement(
    database, tmp_path, capsys, alice, bob, make_user, upload
):
    mod = make_user("mod1", role="moderator")
    made = every_kind_of_decision(
        owner=alice,
        notifier=bob,
        flagger=make_user("flagger"),
        mod=mod,
        mod2=make_user("mod2", role="moderator"),
        upload=upload,
        make_user=make_user,
    )
    day = timezone.now().date().isoformat()
    args = ["--since", day, "--until", day, "--out", str(tmp_path), "--submit"]
    call_command("export_statements", *args)
    exported = [json.loads(x) for x in (tmp_path / "statements.jsonl").read_text().splitlines()]
    assert sorted(database.stored) == sorted(r["puid"] for r in exported)
    assert len(database.stored) == len(made) - 1
    assert "8 accepted, 0 already there, 0 rejected" in capsys.readouterr().out
    call_command("export_statements", *args)
    assert "0 accepted, 0 already there, 0 rejected, 8 skipped" in capsys.readouterr().out


def test_export_command_reports_a_refused_token(
    database, tmp_path, settings, alice, bob, make_user, upload
):
    notice = rules_notice(Target("photo", upload(alice)), bob)
    decide(notice.case, make_user("mod1", role="moderator"), **RULES_DECISION)
    settings.CANDID_DSA_DB_TOKEN = "expired"
    day = timezone.now().date().isoformat()
    with pytest.raises(CommandError, match="refused the token"):
        call_command(
            "export_statements",
            *["--since", day, "--until", day, "--out", str(tmp_path), "--submit"],
        )
    assert (tmp_path / "statements.jsonl").read_text().count("\n") == 1
    assert database.stored == {} and submitted_puids() == set()

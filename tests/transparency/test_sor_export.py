"""`export_statements`: one valid record per restricting decision, no personal data, and
every decision of the period accounted for."""

import csv
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from moderation.models import StatementOfReasons
from moderation.services.targets import Target
from tests.transparency.sor_support import (
    RULES_DECISION,
    decide,
    every_kind_of_decision,
    rules_notice,
)
from transparency.sor.schema import validate


@pytest.fixture
def people(make_user, alice, bob):
    return dict(
        owner=alice,
        notifier=bob,
        flagger=make_user("flagger", display_name="Trusted Flagger Org"),
        mod=make_user("mod1", role="moderator", display_name="Morgan Moderator"),
        mod2=make_user("mod2", role="moderator"),
    )


@pytest.fixture
def decisions(people, upload, make_user):
    return every_kind_of_decision(**people, upload=upload, make_user=make_user)


def run_export(tmp_path, *extra, day=None):
    day = (day or timezone.now().date()).isoformat()
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    call_command("export_statements", "--since", day, "--until", day, "--out", str(out), *extra)
    lines = (out / "statements.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines], out


def by_puid(records):
    return {r["puid"]: r for r in records}


def test_every_restricting_decision_exports_one_valid_record(decisions, tmp_path, capsys):
    records, _ = run_export(tmp_path)
    restricting = [d for label, d in decisions.items() if label != "no_action"]
    assert sorted(r["puid"] for r in records) == sorted(
        f"candid-decision-{d.pk}" for d in restricting
    )
    for record in records:
        assert validate(record) == [], record
    out = capsys.readouterr().out
    assert "8 decisions took effect" not in out and "9 decisions took effect" in out
    assert "Statements exported: 8" in out


def test_each_action_maps_to_its_restriction(decisions, tmp_path):
    records = by_puid(run_export(tmp_path)[0])

    def record(label):
        return records[f"candid-decision-{decisions[label].pk}"]

    visibility = {
        "label_sensitive": "DECISION_VISIBILITY_CONTENT_LABELLED",
        "restrict": "DECISION_VISIBILITY_CONTENT_DEMOTED",
        "withhold": "DECISION_VISIBILITY_CONTENT_DISABLED",
        "remove_comment": "DECISION_VISIBILITY_CONTENT_REMOVED",
    }
    for label, value in visibility.items():
        assert record(label)["decision_visibility"] == [value]
        assert "decision_account" not in record(label)
    assert record("suspend")["decision_account"] == "DECISION_ACCOUNT_SUSPENDED"
    assert (
        record("suspend")["end_date_account_restriction"] >= record("suspend")["application_date"]
    )
    assert record("terminate")["decision_account"] == "DECISION_ACCOUNT_TERMINATED"
    assert "end_date_account_restriction" not in record("terminate")
    assert "decision_visibility" not in record("terminate")


def test_both_grounds_carry_their_own_fields(decisions, tmp_path):
    records = by_puid(run_export(tmp_path)[0])
    illegal = records[f"candid-decision-{decisions['restrict'].pk}"]
    rules = records[f"candid-decision-{decisions['label_sensitive'].pk}"]
    assert illegal["decision_ground"] == "DECISION_GROUND_ILLEGAL_CONTENT"
    assert illegal["illegal_content_legal_ground"] == "§ 130 StGB (DE)"
    assert illegal["category"] == "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH"
    assert not any(k.startswith("incompatible_") for k in illegal)
    assert rules["decision_ground"] == "DECISION_GROUND_INCOMPATIBLE_CONTENT"
    assert rules["incompatible_content_ground"].startswith("Community rules v1")
    assert rules["category"] == "STATEMENT_CATEGORY_OTHER_VIOLATION_TC"
    assert rules["decision_ground_reference_url"].endswith("/rules/v1/#harassment")
    assert not any(k.startswith("illegal_") for k in rules)


def test_withholding_is_scoped_to_the_named_countries(decisions, tmp_path):
    records = by_puid(run_export(tmp_path)[0])
    assert records[f"candid-decision-{decisions['withhold'].pk}"]["territorial_scope"] == [
        "AT",
        "DE",
    ]
    removal = records[f"candid-decision-{decisions['remove_comment'].pk}"]
    assert len(removal["territorial_scope"]) == 30


def test_content_types_include_album_as_other(decisions, tmp_path):
    records = by_puid(run_export(tmp_path)[0])
    album = records[f"candid-decision-{decisions['remove_album'].pk}"]
    assert album["content_type"] == ["CONTENT_TYPE_OTHER"]
    assert album["content_type_other"] == "Photo album"
    photo = records[f"candid-decision-{decisions['restrict'].pk}"]
    assert photo["content_type"] == ["CONTENT_TYPE_IMAGE"]
    assert "content_type_other" not in photo
    comment = records[f"candid-decision-{decisions['remove_comment'].pk}"]
    assert comment["content_type"] == ["CONTENT_TYPE_TEXT"]


def test_source_types_follow_who_reported(decisions, tmp_path):
    records = by_puid(run_export(tmp_path)[0])
    expected = {
        "withhold": "SOURCE_TRUSTED_FLAGGER",
        "restrict": "SOURCE_ARTICLE_16",
        "label_sensitive": "SOURCE_TYPE_OTHER_NOTIFICATION",
        "remove_voluntary": "SOURCE_VOLUNTARY",
    }
    for label, source in expected.items():
        record = records[f"candid-decision-{decisions[label].pk}"]
        assert record["source_type"] == source
        assert "source_identity" not in record
    voluntary = records[f"candid-decision-{decisions['remove_voluntary'].pk}"]
    assert voluntary["automated_detection"] == "Yes"
    assert voluntary["automated_decision"] == "AUTOMATED_DECISION_PARTIALLY"


def test_no_action_decisions_are_left_out_and_counted(decisions, tmp_path, capsys):
    records, _ = run_export(tmp_path)
    assert f"candid-decision-{decisions['no_action'].pk}" not in by_puid(records)
    out = capsys.readouterr().out
    assert "Left out: 1 no-action decision(s): they restrict nothing" in out
    assert "at least one restriction is required" in out


def test_csv_has_one_row_per_record_with_schema_columns(decisions, tmp_path):
    records, out = run_export(tmp_path)
    with open(out / "statements.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["puid"] for r in rows] == [r["puid"] for r in records]
    assert rows[0].keys() >= {"decision_visibility", "decision_ground", "territorial_scope"}
    first = records[0]
    assert json.loads(rows[0]["content_type"]) == first["content_type"]
    assert rows[0]["decision_facts"] == first["decision_facts"]


def test_personal_data_stays_out(people, upload, tmp_path):
    owner, mod = people["owner"], people["mod"]
    photo = upload(owner, title="Harbour")
    notice = rules_notice(
        Target("photo", photo),
        None,
        notifier_name="Zelda Notifier",
        notifier_email="zelda@example.net",
        explanation="Secret free text from Zelda about the harbour.",
    )
    facts = (
        "alice (Alice Example, alice@example.org) posted it again after a warning by "
        "Morgan Moderator; Zelda Notifier wrote in; see https://candid.example/u/alice/ "
        "and /u/alice/favourites/."
    )
    decide(notice.case, mod, **{**RULES_DECISION, "facts": facts})
    records, out = run_export(tmp_path)
    assert len(records) == 1 and validate(records[0]) == []
    exported = (out / "statements.jsonl").read_text() + (out / "statements.csv").read_text()
    for personal in [
        "alice",
        "Alice",
        "Example",
        "Zelda",
        "zelda",
        "example.",
        "/u/",
        "Morgan",
        "Secret free text",
        "bob",
        "mod1",
        "Harbour",
    ]:
        assert personal not in exported, personal
    assert "[name removed]" in records[0]["decision_facts"]
    assert "posted it again after a warning" in records[0]["decision_facts"]
    stored = StatementOfReasons.objects.get()
    assert "alice@example.org" in stored.fields["decision_facts"]


def test_period_selects_by_application_date(decisions, tmp_path, capsys):
    records, _ = run_export(tmp_path, day=timezone.now().date().replace(year=2025))
    assert records == []
    assert "0 decisions took effect" in capsys.readouterr().out


def test_invalid_stored_statement_is_reported_and_not_written(decisions, tmp_path, capsys):
    broken = decisions["restrict"].statement
    fields = {**broken.fields, "category": "STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE"}
    StatementOfReasons.objects.filter(pk=broken.pk).update(fields=fields)
    with pytest.raises(CommandError, match="invalid or missing"):
        run_export(tmp_path)
    out = capsys.readouterr().out
    assert f"INVALID {broken.puid}: category: " in out and "legacy value" in out
    written = (tmp_path / "out" / "statements.jsonl").read_text()
    assert broken.puid not in written and written.count("\n") == 7


def test_restricting_decision_without_statement_is_an_error(decisions, tmp_path, capsys):
    decision = decisions["remove_comment"]
    StatementOfReasons.objects.filter(decision=decision).delete()
    with pytest.raises(CommandError):
        run_export(tmp_path)
    assert f"without a statement: {decision.pk}" in capsys.readouterr().out


@pytest.mark.parametrize(
    "args, message",
    [
        (["--since", "2026-07-01", "--until", "2026-06-30"], "is after --until"),
        (["--since", "2026-13-01", "--until", "2026-12-31"], "--since must be a date"),
        (["--since", "2026-01-01", "--until", "soon"], "--until must be a date"),
        (
            ["--since", "2026-01-01", "--until", "2026-06-30", "--out", "/nonexistent/dir"],
            "not an existing directory",
        ),
        (
            ["--since", "2026-01-01", "--until", "2026-06-30", "--submit"],
            "needs CANDID_DSA_DB_TOKEN",
        ),
    ],
)
def test_bad_arguments_are_refused_and_write_nothing(db, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CommandError, match=message):
        call_command("export_statements", *args)
    assert list(tmp_path.iterdir()) == []


def test_export_query_count_does_not_grow_with_statements(decisions, django_assert_max_num_queries):
    import io

    from transparency.sor.export import export_statements

    today = timezone.now().date()
    with django_assert_max_num_queries(8):
        report = export_statements(
            since=today, until=today, jsonl=io.StringIO(), csv_out=io.StringIO()
        )
    assert report.exported == 8 and report.ok

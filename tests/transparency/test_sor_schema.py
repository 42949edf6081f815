"""The validator applies the schema file's rules: each rule has a passing and a failing case."""

import json

import pytest

from tests.transparency.sor_support import DROP, ILLEGAL, valid_record
from transparency.sor.schema import load_schema, validate


def errors_of(record) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for error in validate(record):
        found.setdefault(error.field, []).append(error.message)
    return found


def assert_fails(record, field, words):
    found = errors_of(record)
    assert field in found, f"expected an error on {field}, got {found}"
    assert any(words in message for message in found[field]), found[field]


def test_valid_rules_record_passes():
    assert validate(valid_record()) == []


def test_valid_illegal_content_record_passes():
    assert validate(valid_record(**ILLEGAL)) == []


def test_valid_account_record_with_every_optional_field_passes():
    record = valid_record(
        decision_visibility=DROP,
        decision_account="DECISION_ACCOUNT_SUSPENDED",
        end_date_account_restriction="2026-01-13",
        account_type="ACCOUNT_TYPE_PRIVATE",
        content_type=["CONTENT_TYPE_OTHER", "CONTENT_TYPE_TEXT"],
        content_type_other="Photo album",
        category_addition=["STATEMENT_CATEGORY_SCAMS_AND_FRAUD"],
        category_specification=["KEYWORD_OTHER"],
        category_specification_other="Spam links",
        content_language="EN",
        decision_ground_reference_url="https://candid.example/rules/v1/#harassment",
        incompatible_content_illegal="No",
        source_type="SOURCE_ARTICLE_16",
        source_identity="A consumer association",
        content_id={"EAN-13": "4006381333931"},
    )
    assert validate(record) == []


@pytest.mark.parametrize(
    "field", [n for n, s in load_schema()["fields"].items() if s["required"] is True]
)
def test_every_required_field_is_required(field):
    assert_fails(valid_record(**{field: DROP}), field, "is required")


def test_one_restriction_is_required_and_reported_once():
    found = errors_of(valid_record(decision_visibility=[]))
    assert list(found) == ["decision_visibility"]
    assert "at least one of decision_visibility" in found["decision_visibility"][0]


@pytest.mark.parametrize(
    "overrides, field, words",
    [
        # visibility_other
        (
            {"decision_visibility": ["DECISION_VISIBILITY_OTHER"]},
            "decision_visibility_other",
            "required when decision_visibility contains DECISION_VISIBILITY_OTHER",
        ),
        ({"decision_visibility_other": "Hidden"}, "decision_visibility_other", "only allowed"),
        # monetary_other
        (
            {"decision_monetary": "DECISION_MONETARY_OTHER"},
            "decision_monetary_other",
            "required when decision_monetary is DECISION_MONETARY_OTHER",
        ),
        ({"decision_monetary_other": "Held"}, "decision_monetary_other", "only allowed"),
        # content_type_other
        (
            {"content_type": ["CONTENT_TYPE_OTHER"]},
            "content_type_other",
            "required when content_type contains CONTENT_TYPE_OTHER",
        ),
        ({"content_type_other": "Photo album"}, "content_type_other", "only allowed"),
        # illegal_ground
        (
            {**ILLEGAL, "illegal_content_legal_ground": DROP},
            "illegal_content_legal_ground",
            "required when decision_ground is DECISION_GROUND_ILLEGAL_CONTENT",
        ),
        (
            {**ILLEGAL, "illegal_content_explanation": DROP},
            "illegal_content_explanation",
            "required when decision_ground is DECISION_GROUND_ILLEGAL_CONTENT",
        ),
        (
            {**ILLEGAL, "incompatible_content_ground": "Rule 3"},
            "incompatible_content_ground",
            "only allowed when decision_ground is DECISION_GROUND_INCOMPATIBLE_CONTENT",
        ),
        (
            {**ILLEGAL, "incompatible_content_illegal": "Yes"},
            "incompatible_content_illegal",
            "only allowed",
        ),
        # incompatible_ground
        (
            {"incompatible_content_ground": DROP},
            "incompatible_content_ground",
            "required when decision_ground is DECISION_GROUND_INCOMPATIBLE_CONTENT",
        ),
        (
            {"incompatible_content_explanation": DROP},
            "incompatible_content_explanation",
            "required",
        ),
        (
            {"illegal_content_legal_ground": "§ 130 StGB"},
            "illegal_content_legal_ground",
            "only allowed when decision_ground is DECISION_GROUND_ILLEGAL_CONTENT",
        ),
        ({"illegal_content_explanation": "x"}, "illegal_content_explanation", "only allowed"),
        ({"incompatible_content_illegal": "Maybe"}, "incompatible_content_illegal", "allowed"),
        # voluntary_source
        (
            {"source_type": "SOURCE_VOLUNTARY", "source_identity": "Jane"},
            "source_identity",
            "not allowed when source_type is SOURCE_VOLUNTARY",
        ),
        # end_dates
        (
            {"end_date_visibility_restriction": "2026-01-01"},
            "end_date_visibility_restriction",
            "before the application_date",
        ),
        (
            {"end_date_account_restriction": "2026-02-01"},
            "end_date_account_restriction",
            "there is no decision_account",
        ),
        (
            {"end_date_visibility_restriction": "2038-01-02"},
            "end_date_visibility_restriction",
            "not be after 2038-01-01",
        ),
        # no_personal_data
        ({"decision_facts": "Mail jane@example.org"}, "decision_facts", "e-mail address"),
        (
            {"incompatible_content_explanation": "See https://candid.example/u/jane/"},
            "incompatible_content_explanation",
            "link to a user profile",
        ),
    ],
)
def test_each_cross_field_rule_has_a_failing_example(overrides, field, words):
    assert_fails(valid_record(**overrides), field, words)


@pytest.mark.parametrize(
    "overrides, field, words",
    [
        ({"puid": "candid decision 1"}, "puid", "must match the pattern"),
        ({"puid": "a" * 501}, "puid", "at most 500"),
        ({"decision_facts": "x" * 5001}, "decision_facts", "at most 5000"),
        (
            {**ILLEGAL, "illegal_content_explanation": "x" * 2001},
            "illegal_content_explanation",
            "at most 2000",
        ),
        ({"category": "STATEMENT_CATEGORY_MADE_UP"}, "category", "not one of the allowed"),
        ({"decision_ground": "ILLEGAL"}, "decision_ground", "not one of the allowed"),
        ({"automated_detection": "yes"}, "automated_detection", "not one of the allowed"),
        ({"automated_decision": "FULLY"}, "automated_decision", "not one of the allowed"),
        ({"decision_visibility": ["REMOVED"]}, "decision_visibility", "not one of the allowed"),
        ({"content_type": ["CONTENT_TYPE_PHOTO"]}, "content_type", "not one of the allowed"),
        ({"territorial_scope": ["US"]}, "territorial_scope", "not one of the allowed"),
        ({"territorial_scope": ["EL"]}, "territorial_scope", "not one of the allowed"),
        ({"content_language": "english"}, "content_language", "not one of the allowed"),
        ({"account_type": "ACCOUNT_TYPE_CORPORATE"}, "account_type", "not one of the allowed"),
        ({"source_type": "SOURCE_USER"}, "source_type", "not one of the allowed"),
        ({"content_type": "CONTENT_TYPE_IMAGE"}, "content_type", "must be a list"),
        ({"decision_facts": 42}, "decision_facts", "must be text"),
        ({"content_date": "05/01/2026"}, "content_date", "not a date in the form YYYY-MM-DD"),
        ({"content_date": "2026-02-30"}, "content_date", "not a date"),
        ({"content_date": "1999-12-31"}, "content_date", "not be before 2000-01-01"),
        ({"application_date": "2019-12-31"}, "application_date", "not be before 2020-01-01"),
        ({"application_date": "2038-01-02"}, "application_date", "not be after 2038-01-01"),
        (
            {"decision_ground_reference_url": "rules page"},
            "decision_ground_reference_url",
            "full http(s) URL",
        ),
        ({"content_id": {"ISBN": "123"}}, "content_id", "allowed keys: EAN-13"),
        ({"content_id": {"EAN-13": "123"}}, "content_id", "must match"),
        ({"content_id_ean": "12345"}, "content_id_ean", "must match the pattern"),
        ({"platform_uid": "candid-1"}, "platform_uid", "not a field"),
        ({"uuid": "x"}, "uuid", "not a field"),
    ],
)
def test_each_field_rule_has_a_failing_example(overrides, field, words):
    assert_fails(valid_record(**overrides), field, words)


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"category": "STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE"}, "category"),
        ({"category": "STATEMENT_CATEGORY_UNSAFE_AND_ILLEGAL_PRODUCTS"}, "category"),
        (
            {"category_addition": ["STATEMENT_CATEGORY_PORNOGRAPHY_OR_SEXUALIZED_CONTENT"]},
            "category_addition",
        ),
        ({"category_specification": ["KEYWORD_DISINFORMATION"]}, "category_specification"),
    ],
)
def test_legacy_values_are_rejected_by_name(overrides, field):
    assert_fails(valid_record(**overrides), field, "legacy value, no longer accepted since 2025")


def test_rules_come_from_the_schema_file(settings, tmp_path):
    schema = json.loads(open(settings.CANDID_SOR_SCHEMA_PATH, encoding="utf-8").read())
    schema["fields"]["decision_facts"]["max_length"] = 20
    schema["enums"]["CONTENT_TYPE"].pop("CONTENT_TYPE_IMAGE")
    path = tmp_path / "schema.json"
    path.write_text(json.dumps(schema))
    settings.CANDID_SOR_SCHEMA_PATH = path
    found = errors_of(valid_record())
    assert "at most 20" in found["decision_facts"][0]
    assert "not one of the allowed CONTENT_TYPE values" in found["content_type"][0]


def test_vendored_schema_copy_is_the_shared_file_unchanged(settings):
    from pathlib import Path

    vendored = Path(__file__).resolve().parents[2] / "transparency/sor/dsa-sor-schema.json"
    assert vendored.read_bytes() == Path(settings.CANDID_SOR_SCHEMA_PATH).read_bytes()
    assert load_schema(vendored)["counts"]["fields"] == len(load_schema(vendored)["fields"])

"""The automated flags and the source type of a statement of reasons are never inverted
(DSA Art. 17(3)(b) and (c); the Transparency Database's own notices name platforms whose
`automated_detection` or trusted-flagger source was flipped for years). One test per
combination of source type, automated detection and automated decision, each built from
a real decision made through the moderation services and read back as the export record
that would be sent to the database, the statement the member receives and the public
event the reports count."""

import itertools

import pytest

from core.models import Event
from moderation.services.targets import Target
from moderation.sor import ILLEGAL_CATEGORIES, RULES_CATEGORY
from tests.transparency.sor_support import (
    ILLEGAL_DECISION,
    RULES_DECISION,
    decide,
    illegal_notice,
    own_initiative_case,
    rules_notice,
)
from transparency.sor.export import export_record
from transparency.sor.schema import load_schema, validate

SOURCES = (
    "SOURCE_ARTICLE_16",
    "SOURCE_TRUSTED_FLAGGER",
    "SOURCE_TYPE_OTHER_NOTIFICATION",
    "SOURCE_VOLUNTARY",
)
DETECTION = (True, False)
DECISION = (
    "AUTOMATED_DECISION_FULLY",
    "AUTOMATED_DECISION_PARTIALLY",
    "AUTOMATED_DECISION_NOT_AUTOMATED",
)


def case_from(source: str, photo, *, notifier, flagger, mod):
    """The case each source type comes from: an Art. 16 notice on the illegal-content
    ground, a trusted flagger's notice, a community-rules report, or the moderators' own
    initiative (no notice at all)."""
    target = Target("photo", photo)
    if source == "SOURCE_ARTICLE_16":
        return illegal_notice(target, notifier).case, ILLEGAL_DECISION
    if source == "SOURCE_TRUSTED_FLAGGER":
        return illegal_notice(target, flagger, notifier_type="trusted_flagger").case, (
            ILLEGAL_DECISION
        )
    if source == "SOURCE_TYPE_OTHER_NOTIFICATION":
        return rules_notice(target, notifier).case, RULES_DECISION
    return own_initiative_case(target, mod), RULES_DECISION


@pytest.mark.parametrize(
    ("source", "detected", "automation"), list(itertools.product(SOURCES, DETECTION, DECISION))
)
def test_flags_and_source_are_exported_as_decided(
    source, detected, automation, alice, bob, make_user, upload
):
    mod = make_user("mod1", role="moderator")
    photo = upload(alice, title="Harbour")
    case, grounds = case_from(source, photo, notifier=bob, flagger=make_user("flagger"), mod=mod)
    decision = decide(
        case, mod, **grounds, automated_detection=detected, automated_decision=automation
    )
    schema = load_schema()
    record = export_record(decision.statement, schema)
    assert validate(record, schema) == []
    assert record["source_type"] == source
    assert record["automated_detection"] == ("Yes" if detected else "No")
    assert record["automated_decision"] == automation
    assert "source_identity" not in record
    # The statement the member receives says the same.
    stored = decision.statement.fields
    assert (stored["source_type"], stored["automated_detection"]) == (
        source,
        "Yes" if detected else "No",
    )
    # And so does the public event the transparency reports count.
    applied = Event.objects.filter(
        kind="moderation.decision_applied", data__decision_id=decision.pk
    ).get()
    assert applied.data["automated_detection"] is detected
    assert applied.data["automated_decision"] == automation
    assert applied.data["own_initiative"] is (source == "SOURCE_VOLUNTARY")


def test_candid_offers_exactly_the_v2_categories():
    """Since 1 July 2025 the database takes the categories of IR 2024/2835 ("consumer
    information", "cyber violence" …) and refuses the v1 ones by name."""
    schema = load_schema()
    v2 = set(schema["enums"]["STATEMENT_CATEGORY"])
    legacy = set(schema["legacy_v1_values_no_longer_accepted"]["category"])
    assert set(ILLEGAL_CATEGORIES) | {RULES_CATEGORY} == v2
    assert not set(ILLEGAL_CATEGORIES) & legacy


@pytest.mark.parametrize(
    "category", ["STATEMENT_CATEGORY_CONSUMER_INFORMATION", "STATEMENT_CATEGORY_CYBER_VIOLENCE"]
)
def test_new_v2_categories_export_valid_records(category, alice, bob, make_user, upload):
    mod = make_user("mod1", role="moderator")
    notice = illegal_notice(Target("photo", upload(alice)), bob, category=category)
    decision = decide(notice.case, mod, **{**ILLEGAL_DECISION, "category": category})
    schema = load_schema()
    record = export_record(decision.statement, schema)
    assert validate(record, schema) == [] and record["category"] == category
    # Candid records no keywords: the optional field is left out rather than guessed.
    assert "category_specification" not in record

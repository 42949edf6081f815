"""Fixtures shared by the moderation web tests (imported by each test_moderation_* module).
Everything goes through the real services; images are real JPEGs."""

import pytest

from moderation.services.decisions import DecisionInput, decision_issue
from moderation.services.notices import notice_submit
from moderation.services.targets import Target

REMOVAL = {
    "action": "remove",
    "ground": "rules",
    "rule_code": "harassment",
    "rule_explanation": "The caption names and mocks a private person.",
    "facts": "Reported by a user; the caption names a private person.",
}
WITHHOLD_DE = {
    "action": "withhold",
    "ground": "illegal",
    "category": "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH",
    "legal_ground": "§86a StGB",
    "legal_explanation": "Shows a symbol of an unconstitutional organisation.",
    "facts": "The photo shows the symbol prominently on a flag.",
    "countries": ["DE"],
}


@pytest.fixture
def mod(make_user):
    return make_user("mod1", role="moderator", display_name="Mia Moderator")


@pytest.fixture
def mod2(make_user):
    return make_user("mod2", role="moderator")


@pytest.fixture
def photo(alice, upload):
    return upload(alice, title="Harbour at night", description="Boats at the pier")


@pytest.fixture
def report(bob):
    """report(obj, kind="photo", **fields) files a notice by bob through the real service."""

    def do(obj, kind: str = "photo", **fields):
        defaults = dict(
            ground="rules",
            rule_code="harassment",
            explanation="This photo targets a person repeatedly.",
            notifier=bob,
        )
        return notice_submit(target=Target(kind, obj), **{**defaults, **fields})

    return do


@pytest.fixture
def decide(mod):
    """decide(case, moderator=None, **fields) issues a decision (removal by default)."""

    def do(case, moderator=None, **fields):
        case.refresh_from_db()
        return decision_issue(
            case=case,
            moderator=moderator or mod,
            data=DecisionInput(**{**REMOVAL, **fields}),
            expected_version=case.version,
        )

    return do


@pytest.fixture
def removed(photo, report, decide):
    """bob reported alice's photo; mod removed it. Returns the decision."""
    return decide(report(photo).case)

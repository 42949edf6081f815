"""Fixtures shared by the moderation web tests (imported by each test_moderation_* module).
Everything goes through the real services; images are real JPEGs."""

import pytest

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
def removed(photo, report, decide):
    """bob reported alice's photo; mod removed it. Returns the decision."""
    return decide(report(photo).case)

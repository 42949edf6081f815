"""Helpers for the report tests: rules in force, a JSON API client and a fixed moment in
2026 (time_machine) so periods are known. Moderators and `decide` come from
tests/moderation_fixtures.py."""

import json
from datetime import UTC, datetime

import pytest
from django.test import Client

from accounts.services import token_create
from moderation.default_rules import DEFAULT_RULES
from moderation.models import Rule, RuleSet
from tests import moderation_fixtures

SINCE = datetime(2020, 1, 1, tzinfo=UTC)
MARCH = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
# An illegal-content notice as the API and the web form take it.
ILLEGAL = {
    "ground": "illegal",
    "country": "DE",
    "law": "StGB §185 (Beleidigung)",
    "category": "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH",
    "good_faith": True,
    "explanation": "The caption insults a named person.",
}
WITHHOLD_ILLEGAL = dict(
    action="withhold",
    ground="illegal",
    category="STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH",
    legal_ground="StGB §185",
    legal_explanation="The caption insults a named person.",
    facts="Order of a German authority; the caption insults a named person.",
    countries=["DE"],
)
NO_ACTION = {
    **moderation_fixtures.NO_ACTION,
    "facts": "Looked at it: nothing breaks the rules here.",
}


@pytest.fixture(autouse=True)
def rules(db):
    """Rules v1, in force since 2020 so that tests can travel back into 2026."""
    if not RuleSet.objects.exists():
        ruleset = RuleSet.objects.create(version=1, published_at=SINCE, effective_at=SINCE)
        Rule.objects.bulk_create(Rule(ruleset=ruleset, **r) for r in DEFAULT_RULES)
    RuleSet.objects.filter(version=1).update(published_at=SINCE, effective_at=SINCE)


class Api:
    def __init__(self, user=None):
        self.client = Client()
        self.headers = {}
        if user is not None:
            scopes = ["read", "write"]  # made as after the second factor (staff endpoints)
            secret = token_create(user=user, name="t", scopes=scopes, second_factor=True)[1]
            self.headers = {"Authorization": f"Bearer {secret}"}

    def post(self, path: str, data: dict):
        return self.client.post(
            "/api/v1" + path, json.dumps(data), content_type="application/json",
            headers=self.headers,
        )  # fmt: skip


@pytest.fixture
def api(db):
    return Api

"""Enforcement actions are identical for every plan: paying buys storage, not leniency."""

import pathlib

import pytest
from django.utils import timezone

from accounts.plans import plan_set
from moderation.default_rules import DEFAULT_RULES
from moderation.models import Rule, RuleSet
from moderation.services.decisions import DecisionInput, decision_issue
from moderation.services.notices import notice_submit
from moderation.services.strikes import strike_proposal
from moderation.services.targets import Target


@pytest.fixture(autouse=True)
def rules(db):
    if not RuleSet.objects.exists():
        ruleset = RuleSet.objects.create(
            version=1, published_at=timezone.now(), effective_at=timezone.now()
        )
        Rule.objects.bulk_create(Rule(ruleset=ruleset, **r) for r in DEFAULT_RULES)


def enforce_on(owner, upload, notifier, moderator):
    photo = upload(owner, title="Harbour")
    notice = notice_submit(
        target=Target("photo", photo),
        ground="rules",
        rule_code="harassment",
        explanation="This photo targets a person repeatedly.",
        notifier=notifier,
    )
    decision = decision_issue(
        case=notice.case,
        moderator=moderator,
        data=DecisionInput(
            action="remove",
            ground="rules",
            rule_code="harassment",
            rule_explanation="The caption mocks a private person.",
            facts="Reported by a user.",
        ),
        expected_version=notice.case.version,
    )
    photo.refresh_from_db()
    return decision, photo


@pytest.mark.django_db
def test_the_same_report_gets_the_same_decision_and_strikes_on_free_and_paid(make_user, upload):
    free, paid = make_user("freya"), make_user("pablo")
    plan_set(user=paid, plan="paid")
    notifier, moderator = make_user("nora"), make_user("mod", role="moderator")
    results = []
    for owner in (free, paid):
        decision, photo = enforce_on(owner, upload, notifier, moderator)
        results.append(
            (decision.action, decision.state, photo.removed_at is not None, strike_proposal(owner))
        )
    assert results[0] == results[1]
    assert results[0][:3] == ("remove", "in_force", True)


def test_no_moderation_code_reads_the_plan():
    """A guard against a future "paid accounts get a pass" rule."""
    root = pathlib.Path(__file__).resolve().parents[2] / "moderation"
    for source in root.rglob("*.py"):
        text = source.read_text()
        assert ".plan" not in text and "accounts.plans" not in text, source

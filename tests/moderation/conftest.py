import pytest
from django.utils import timezone

from moderation.default_rules import DEFAULT_RULES
from moderation.models import Rule, RuleSet
from moderation.services.decisions import DecisionInput, decision_issue
from moderation.services.notices import notice_submit
from moderation.services.targets import Target


@pytest.fixture(autouse=True)
def rules(db):
    """Rules v1 as the data migration installs it (transactional tests flush it)."""
    if not RuleSet.objects.exists():
        ruleset = RuleSet.objects.create(
            version=1, published_at=timezone.now(), effective_at=timezone.now()
        )
        Rule.objects.bulk_create(Rule(ruleset=ruleset, **r) for r in DEFAULT_RULES)
    return RuleSet.objects.get(version=1)


@pytest.fixture
def mod(make_user):
    return make_user("mod1", role="moderator")


@pytest.fixture
def mod2(make_user):
    return make_user("mod2", role="moderator")


@pytest.fixture
def mod3(make_user):
    return make_user("mod3", role="admin")


@pytest.fixture
def photo(alice, upload):
    return upload(alice, title="Harbour at night")


@pytest.fixture
def report(bob):
    """report(target_obj_or_Target, **fields) files a notice through the real service."""

    def do(target, **fields):
        if not isinstance(target, Target):
            target = Target("photo", target)
        defaults = dict(
            ground="rules",
            rule_code="harassment",
            explanation="This photo targets a person repeatedly.",
            notifier=bob,
        )
        return notice_submit(target=target, **{**defaults, **fields})

    return do


@pytest.fixture
def decide(mod):
    def do(case, moderator=None, **fields):
        case.refresh_from_db()
        defaults = dict(
            action="remove",
            ground="rules",
            rule_code="harassment",
            rule_explanation="The caption names and mocks a private person.",
            facts="Reported by a user; the caption names a private person.",
        )
        return decision_issue(
            case=case,
            moderator=moderator or mod,
            data=DecisionInput(**{**defaults, **fields}),
            expected_version=case.version,
        )

    return do

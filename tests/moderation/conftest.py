import pytest
from django.utils import timezone, translation

from moderation.default_rules import DEFAULT_RULES, DEFAULT_RULES_DE
from moderation.models import Rule, RuleSet, RuleText


@pytest.fixture(autouse=True)
def rules(db):
    """Rules v1 as the data migrations install it, with its German text (transactional
    tests flush it)."""
    if not RuleSet.objects.exists():
        ruleset = RuleSet.objects.create(
            version=1, published_at=timezone.now(), effective_at=timezone.now()
        )
        created = Rule.objects.bulk_create(Rule(ruleset=ruleset, **r) for r in DEFAULT_RULES)
        RuleText.objects.bulk_create(
            RuleText(rule=rule, language="de", **DEFAULT_RULES_DE[rule.code]) for rule in created
        )
    return RuleSet.objects.get(version=1)


@pytest.fixture(autouse=True)
def no_language_left_behind():
    """A German request in one test activates German for the thread (LocaleMiddleware
    never deactivates); a later test's service call must not inherit it."""
    yield
    translation.deactivate()

import pytest
from django.utils import timezone

from moderation.default_rules import DEFAULT_RULES
from moderation.models import Rule, RuleSet


@pytest.fixture(autouse=True)
def rules(db):
    """Rules v1 as the data migration installs it (transactional tests flush it)."""
    if not RuleSet.objects.exists():
        ruleset = RuleSet.objects.create(
            version=1, published_at=timezone.now(), effective_at=timezone.now()
        )
        Rule.objects.bulk_create(Rule(ruleset=ruleset, **r) for r in DEFAULT_RULES)
    return RuleSet.objects.get(version=1)

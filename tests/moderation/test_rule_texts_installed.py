"""The first version of the rules comes with its German text (moderation 0006), on every
instance and so in the demo (`manage.py demo` starts from the installed rules)."""

import importlib

from django.apps import apps

from moderation.default_rules import DEFAULT_RULES_DE
from moderation.models import Rule, RuleText

german_rules = importlib.import_module("moderation.migrations.0006_languages").german_rules


def test_the_migration_gives_the_installed_rules_their_german_text(db):
    RuleText.objects.all().delete()
    german_rules(apps, None)
    texts = RuleText.objects.filter(rule__ruleset__version=1, language="de")
    assert {t.rule.code: t.title for t in texts} == {
        code: text["title"] for code, text in DEFAULT_RULES_DE.items()
    }


def test_the_migration_leaves_an_operators_own_wording_alone(db):
    RuleText.objects.all().delete()
    Rule.objects.filter(ruleset__version=1, code="spam").update(title="No advertising")
    german_rules(apps, None)
    codes = set(RuleText.objects.values_list("rule__code", flat=True))
    assert "spam" not in codes and "harassment" in codes

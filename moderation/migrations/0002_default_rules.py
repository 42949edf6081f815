from django.db import migrations
from django.utils import timezone


def install_rules(apps, schema_editor):
    from moderation.default_rules import DEFAULT_RULES

    RuleSet = apps.get_model("moderation", "RuleSet")
    Rule = apps.get_model("moderation", "Rule")
    if RuleSet.objects.exists():
        return
    now = timezone.now()
    ruleset = RuleSet.objects.create(version=1, summary_of_changes="First version.",
                                     published_at=now, effective_at=now)
    Rule.objects.bulk_create(Rule(ruleset=ruleset, **rule) for rule in DEFAULT_RULES)


class Migration(migrations.Migration):
    dependencies = [("moderation", "0001_initial")]
    operations = [migrations.RunPython(install_rules, migrations.RunPython.noop)]

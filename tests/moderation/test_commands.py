import json
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from core.models import Event
from moderation.models import ModerationPolicy, RuleSet


def test_publish_rules_announces_a_new_version(mod, tmp_path, capsys):
    path = tmp_path / "rules.json"
    path.write_text(json.dumps([{"code": "spam", "title": "No spam", "text": "No adverts."}]))
    day = (timezone.now() + timedelta(days=20)).strftime("%Y-%m-%d")
    call_command(
        "publish_rules", str(path), "--effective", day, "--summary", "Shorter", "--by", mod.username
    )
    assert "v2" in capsys.readouterr().out
    assert RuleSet.objects.get(version=2).rules.get().code == "spam"


def test_publish_rules_refuses_short_notice_and_bad_files(mod, tmp_path):
    path = tmp_path / "rules.json"
    path.write_text("not json")
    soon = (timezone.now() + timedelta(days=2)).strftime("%Y-%m-%d")
    with pytest.raises(CommandError, match="Could not read"):
        call_command(
            "publish_rules", str(path), "--effective", soon, "--summary", "x", "--by", mod.username
        )
    path.write_text(json.dumps([{"code": "a", "title": "A", "text": "a"}]))
    with pytest.raises(CommandError, match="14 days"):
        call_command(
            "publish_rules", str(path), "--effective", soon, "--summary", "x", "--by", mod.username
        )
    assert RuleSet.objects.count() == 1


def test_policy_command_changes_values_and_logs_it(db, capsys):
    call_command("moderation_policy", "--set", "strike_expiry_days=365")
    assert ModerationPolicy.current().strike_expiry_days == 365
    assert Event.objects.filter(kind="moderation.policy_changed").exists()
    with pytest.raises(CommandError):
        call_command("moderation_policy", "--set", "strike_expiry_days=-1")
    with pytest.raises(CommandError):
        call_command("moderation_policy", "--set", "nonsense=3")

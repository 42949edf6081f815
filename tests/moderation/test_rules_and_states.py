from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from core.errors import ServiceError
from core.models import Event
from core.states import IllegalTransition
from moderation import states
from moderation.selectors import rule_in_force, ruleset_in_force, ruleset_upcoming
from moderation.services.rules import ruleset_publish

NEW_RULES = [{"code": "spam", "title": "No spam", "text": "No repetitive advertising."}]


def test_rule_change_is_announced_before_it_applies(
    alice, mod, rules, django_capture_on_commit_callbacks
):
    with pytest.raises(ServiceError, match="14 days"):
        ruleset_publish(
            actor=mod,
            rules=NEW_RULES,
            summary="Shorter",
            effective_at=timezone.now() + timedelta(days=3),
        )
    with django_capture_on_commit_callbacks(execute=True):
        v2 = ruleset_publish(
            actor=mod,
            rules=NEW_RULES,
            summary="Shorter",
            effective_at=timezone.now() + timedelta(days=15),
        )
    assert ruleset_in_force() == rules and ruleset_upcoming() == v2
    published = Event.objects.get(kind="moderation.rules_published")
    assert published.actor == mod and published.chain_seq is not None
    assert published.data == {"version": 2, "effective_at": v2.effective_at.isoformat()}
    assert rule_in_force("harassment") is not None
    assert any(m.to == [alice.email] and "rules change" in m.subject for m in mail.outbox)


def test_decision_cites_the_version_in_force(photo, report, decide, mod, time_machine):
    ruleset_publish(
        actor=mod, rules=NEW_RULES, summary="v2", effective_at=timezone.now() + timedelta(days=15)
    )
    time_machine.move_to(timezone.now() + timedelta(days=16))
    decision = decide(report(photo, rule_code="spam").case, rule_code="spam")
    assert decision.rule.ruleset.version == 2
    assert "v2" in decision.statement.fields["incompatible_content_ground"]


@pytest.mark.parametrize(
    ("graph", "current", "target"),
    [
        (states.CASE, "open", "appealed"),
        (states.CASE, "decided", "open"),
        (states.DECISION, "reversed", "in_force"),
        (states.APPEAL, "decided", "submitted"),
    ],
)
def test_undeclared_moves_are_refused(graph, current, target):
    with pytest.raises(IllegalTransition):
        graph.check(current, target)


def test_declared_moves_pass():
    states.CASE.check("open", "decided")
    states.DECISION.check("pending_approval", "in_force")
    states.APPEAL.check("submitted", "decided")

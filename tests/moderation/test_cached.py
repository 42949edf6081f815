"""Notice intake reads the rules, the policy and Art. 23 restrictions from a per-process copy
(moderation/services/cached.py): every change must reach the very next notice."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from core.errors import ServiceError
from moderation.models import MisuseMeasure, ModerationPolicy, Notice
from moderation.services.cached import GENERATION_KEY
from moderation.services.rules import ruleset_publish

NEW_RULES = [
    {"code": "harassment", "title": "No harassment", "text": "Do not target people."},
    {"code": "fake-giveaways", "title": "No fake giveaways", "text": "No bait prizes."},
]


# A later notice that says something new (an identical one is a repeat of the first).
LATER = "Since my first report, the photo was shared again to mock her."


def _hours(notice: Notice) -> float:
    return (notice.deadline_at - notice.received_at) / timedelta(hours=1)


def _travel_keeping_the_copy(time_machine, to) -> None:
    """Move the clock without letting the generation token expire, so the copy loaded
    before is the one read after."""
    token = cache.get(GENERATION_KEY)
    time_machine.move_to(to)
    cache.set(GENERATION_KEY, token)


def test_rules_published_to_apply_at_once_are_used_by_the_next_notice(photo, report):
    first = report(photo, rule_code="harassment")
    with pytest.raises(ServiceError, match="Unknown rule"):
        report(photo, rule_code="fake-giveaways")
    ruleset_publish(
        actor=None,
        rules=NEW_RULES,
        summary="Giveaways",
        effective_at=timezone.now(),
        first_version=True,
    )
    cited = report(photo, rule_code="fake-giveaways")
    assert cited.rule.ruleset.version == 2 and first.rule.ruleset.version == 1
    assert report(photo, rule_code="harassment").rule.ruleset.version == 2


def test_announced_rules_apply_when_their_day_comes_without_any_write(photo, report, time_machine):
    report(photo, rule_code="harassment")
    effective = timezone.now() + timedelta(days=15)
    ruleset_publish(actor=None, rules=NEW_RULES[1:], summary="Only", effective_at=effective)
    assert report(photo, rule_code="harassment").rule.ruleset.version == 1
    _travel_keeping_the_copy(time_machine, effective + timedelta(minutes=1))
    assert report(photo, rule_code="fake-giveaways").rule.ruleset.version == 2
    with pytest.raises(ServiceError, match="Unknown rule"):
        report(photo, rule_code="harassment")


def test_policy_edited_by_the_command_sets_the_next_rules_deadline(photo, report):
    assert _hours(report(photo)) == ModerationPolicy.current().rules_target_hours == 72
    call_command("moderation_policy", "--set", "rules_target_hours=12")
    assert _hours(report(photo, explanation=LATER)) == 12


def test_policy_saved_in_the_shell_sets_the_next_rules_deadline(photo, report):
    report(photo)
    policy = ModerationPolicy.current()
    policy.rules_target_hours = 30
    policy.save()
    assert _hours(report(photo, explanation=LATER)) == 30


def test_another_process_change_arrives_through_the_shared_generation_token(photo, report):
    """A queryset update sends no signal (as a change made by another process is not seen
    by this one's signals); the token in the shared cache is what tells this process."""
    report(photo)
    ModerationPolicy.objects.update(rules_target_hours=6)
    assert _hours(report(photo, explanation=LATER)) == 72
    cache.set(GENERATION_KEY, "replaced by another process")
    assert _hours(report(photo, explanation=LATER + " Still.")) == 6


def test_a_new_suspension_stops_the_notifiers_next_notice(photo, report, bob):
    report(photo)
    MisuseMeasure.objects.create(
        user=bob,
        kind=MisuseMeasure.Kind.UNFOUNDED_NOTICES,
        level=MisuseMeasure.Level.SUSPENDED,
        statement="Eight unfounded notices.",
        starts_at=timezone.now(),
        ends_at=timezone.now() + timedelta(days=30),
    )
    with pytest.raises(ServiceError, match="not being processed"):
        report(photo)


def test_a_suspension_that_ran_out_no_longer_stops_notices(photo, report, bob, time_machine):
    MisuseMeasure.objects.create(
        user=bob,
        kind=MisuseMeasure.Kind.UNFOUNDED_NOTICES,
        level=MisuseMeasure.Level.SUSPENDED,
        statement="Eight unfounded notices.",
        starts_at=timezone.now(),
        ends_at=timezone.now() + timedelta(days=30),
    )
    with pytest.raises(ServiceError, match="not being processed"):
        report(photo)
    _travel_keeping_the_copy(time_machine, timezone.now() + timedelta(days=31))
    assert report(photo).priority == Notice.Priority.NORMAL


def test_deprioritised_notifier_without_account_is_matched_by_email_in_any_case(photo, report):
    MisuseMeasure.objects.create(
        email="Eve@Example.org",
        kind=MisuseMeasure.Kind.UNFOUNDED_NOTICES,
        level=MisuseMeasure.Level.DEPRIORITISED,
        statement="Five unfounded notices.",
        starts_at=timezone.now(),
        ends_at=timezone.now() + timedelta(days=30),
    )
    notice = report(photo, notifier=None, notifier_name="Eve", notifier_email="eve@example.ORG")
    assert notice.priority == Notice.Priority.LOW
    other = report(photo, notifier=None, notifier_name="Ann", notifier_email="ann@example.org")
    assert other.priority == Notice.Priority.NORMAL

"""DSA Art. 23: warning, then deprioritisation, then suspension of notice handling."""

import pytest
from django.core import mail

from core.errors import ServiceError
from moderation.models import MisuseMeasure, ModerationPolicy, Notice
from moderation.services.misuse import poster_suspension_due
from moderation.services.strikes import strike_proposal
from tests.moderation_fixtures import NO_ACTION


def test_unfounded_notices_lead_to_warning_then_deprioritising_then_suspension(
    alice, bob, upload, report, decide, django_capture_on_commit_callbacks
):
    policy = ModerationPolicy.current()
    policy.misuse_warning_after, policy.misuse_deprioritise_after = 1, 2
    policy.misuse_suspend_after = 3
    policy.save()
    levels = []
    for i in range(3):
        notice = report(upload(alice, title=f"p{i}"))
        with django_capture_on_commit_callbacks(execute=True):
            decide(
                notice.case,
                **NO_ACTION,
                unfounded_notice_ids=[notice.pk],
            )
        levels.append(MisuseMeasure.objects.filter(user=bob).first().level)
        if i == 1:
            assert report(upload(alice, title="x")).priority == Notice.Priority.LOW
    assert levels == ["warning", "deprioritised", "suspended"]
    assert any("Art. 23" in m.body for m in mail.outbox if m.to == [bob.email])
    with pytest.raises(ServiceError, match="not being processed"):
        report(upload(alice, title="blocked"))


def test_repeated_manifestly_illegal_posts_warn_then_propose_suspension(
    alice, upload, report, decide
):
    decide(report(upload(alice, title="a")).case, manifestly_illegal=True)
    warning = MisuseMeasure.objects.get(user=alice, kind="illegal_content")
    assert warning.level == "warning" and "Art. 23" in warning.statement
    assert not poster_suspension_due(alice)
    decide(report(upload(alice, title="b")).case, manifestly_illegal=True)
    assert poster_suspension_due(alice)
    alice.refresh_from_db()
    assert not alice.is_restricted


def test_the_art_23_proposal_stands_even_below_the_strike_threshold(
    alice, bob, upload, report, decide
):
    policy = ModerationPolicy.current()
    policy.strikes_for_suspension, policy.strikes_for_termination = 10, 20
    policy.save()
    for title in ("a", "b"):
        decide(report(upload(bob, title=title)).case)
        decide(report(upload(alice, title=title)).case, manifestly_illegal=True)
    assert "proposes a warning" in strike_proposal(bob)
    assert f"proposes a {policy.suspension_days}-day suspension" in strike_proposal(alice)


def test_many_unfounded_notices_at_once_bring_a_warning_first(alice, bob, upload, report, decide):
    policy = ModerationPolicy.current()
    policy.misuse_warning_after, policy.misuse_deprioritise_after = 1, 2
    policy.misuse_suspend_after = 3
    policy.save()
    photo = upload(alice)
    notices = [report(photo, explanation=f"Report number {i} about this.") for i in range(8)]
    decide(
        notices[0].case,
        **NO_ACTION,
        unfounded_notice_ids=[n.pk for n in notices],
    )
    assert list(MisuseMeasure.objects.filter(user=bob).values_list("level", flat=True)) == [
        "warning"
    ]
    for title in ("next", "after"):
        notice = report(upload(alice, title=title))
        decide(
            notice.case,
            **NO_ACTION,
            unfounded_notice_ids=[notice.pk],
        )
    levels = MisuseMeasure.objects.filter(user=bob).order_by("starts_at", "pk")
    assert list(levels.values_list("level", flat=True)) == ["warning", "deprioritised", "suspended"]

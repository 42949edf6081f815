import pytest

from core.errors import PermissionDenied
from core.models import Event
from moderation.models import Decision, StatementOfReasons
from moderation.services.decisions import decision_approve, decision_reject
from moderation.services.strikes import strike_proposal
from social.services import comment_post


def suspend(decide, case, moderator=None):
    return decide(case, moderator=moderator, action="suspend", duration_days=7)


def test_suspension_waits_for_a_second_moderator(photo, alice, report, decide, mod, mod2):
    from moderation.services.targets import Target

    decision = suspend(decide, report(Target("profile", alice)).case)
    alice.refresh_from_db()
    assert decision.state == "pending_approval" and not alice.is_restricted
    assert not StatementOfReasons.objects.exists()
    proposed = Event.objects.get(kind="moderation.decision_proposed")
    assert proposed.actor == mod and proposed.chain_seq is not None
    assert proposed.data["decision_id"] == decision.pk and proposed.data["action"] == "suspend"
    assert not Event.objects.filter(kind="moderation.decision_applied").exists()
    with pytest.raises(PermissionDenied):
        decision_approve(decision=decision, approver=mod)
    decision_approve(decision=decision, approver=mod2)
    alice.refresh_from_db()
    decision.refresh_from_db()
    assert alice.is_restricted and decision.state == "in_force" and decision.approved_by == mod2
    assert StatementOfReasons.objects.get(decision=decision).fields["decision_account"] == (
        "DECISION_ACCOUNT_SUSPENDED"
    )


def test_rejected_proposal_reopens_the_case(alice, report, decide, mod2):
    from moderation.services.targets import Target

    decision = suspend(decide, report(Target("profile", alice)).case)
    decision_reject(decision=decision, approver=mod2, reason="Too harsh for a first issue.")
    decision.refresh_from_db()
    decision.case.refresh_from_db()
    assert decision.state == "rejected" and decision.case.state == "open"
    rejected = Event.objects.get(kind="moderation.decision_rejected")
    assert rejected.actor == mod2 and rejected.data == {"decision_id": decision.pk}
    assert rejected.private == {"reason": "Too harsh for a first issue."}  # not published
    alice.refresh_from_db()
    assert not alice.is_restricted


def test_suspended_user_can_sign_in_but_not_post(alice, photo, report, decide, mod2):
    from moderation.services.targets import Target

    decision_approve(decision=suspend(decide, report(Target("profile", alice)).case), approver=mod2)
    alice.refresh_from_db()
    with pytest.raises(PermissionDenied, match="suspended"):
        comment_post(author=alice, photo_id=photo.pk, body="hello")
    assert alice.check_password("correct horse battery")


def test_strikes_are_counted_and_escalation_is_only_proposed(alice, upload, report, decide):
    assert strike_proposal(alice) == ""
    for i in range(2):
        decide(report(upload(alice, title=f"p{i}")).case)
    proposal = strike_proposal(alice)
    assert "2 active strikes" in proposal and "suspension" in proposal
    alice.refresh_from_db()
    assert not alice.is_restricted
    assert Decision.objects.filter(action="suspend").count() == 0


def test_a_decision_gives_at_most_one_strike(photo, alice, report, decide):
    from django.db import IntegrityError

    from moderation.models import Strike

    decision = decide(report(photo).case)
    strike = Strike.objects.get(decision=decision)
    with pytest.raises(IntegrityError):
        Strike.objects.create(
            user=alice,
            decision=decision,
            created_at=strike.created_at,
            expires_at=strike.expires_at,
        )

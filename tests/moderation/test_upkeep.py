from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.core import mail
from django.utils import timezone

from core.models import Event
from moderation.models import Evidence
from moderation.services.appeals import appeal_submit
from moderation.services.upkeep import cases_escalate, evidence_purge_due
from photos.models import Photo


def test_cases_near_their_deadline_are_escalated_once(
    photo, report, mod, django_capture_on_commit_callbacks
):
    notice = report(
        photo,
        ground="illegal",
        country="DE",
        law="StGB §130",
        good_faith=True,
        netzdg_manifest=True,
    )
    assert cases_escalate(now=notice.received_at + timedelta(hours=1)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert cases_escalate(now=notice.received_at + timedelta(hours=21)) == 1
    assert cases_escalate(now=notice.received_at + timedelta(hours=23)) == 0
    notice.case.refresh_from_db()
    assert notice.case.escalated_at is not None
    assert any(m.to == [mod.email] for m in mail.outbox)


def test_removed_content_and_evidence_stay_until_retention_ends_then_are_purged(
    photo, report, decide, media_dir, django_capture_on_commit_callbacks
):
    decision = decide(report(photo).case)
    evidence = Evidence.objects.get(decision=decision)
    assert evidence.keep_until >= decision.created_at + timedelta(weeks=10)
    assert evidence.keep_until >= decision.created_at + relativedelta(months=6)
    assert evidence_purge_due(now=decision.created_at + timedelta(weeks=11)) == 0
    assert Photo.objects.filter(pk=photo.pk).exists()
    files = [media_dir / photo.original, media_dir / evidence.image]
    with django_capture_on_commit_callbacks(execute=True):
        assert evidence_purge_due(now=evidence.keep_until + timedelta(seconds=1)) == 1
    assert not Photo.objects.filter(pk=photo.pk).exists()
    assert not any(f.exists() for f in files)
    assert Event.objects.filter(kind="moderation.evidence_purged").count() == 1
    assert Event.objects.filter(kind="moderation.content_purged").count() == 1


def test_open_appeal_holds_the_purge(photo, alice, report, decide):
    decision = decide(report(photo).case)
    appeal_submit(decision=decision, appellant=alice, explanation="Please review this again.")
    later = timezone.now() + timedelta(days=400)
    assert evidence_purge_due(now=later) == 0
    assert Photo.objects.filter(pk=photo.pk).exists()


def test_evidence_of_a_late_approved_decision_is_kept_from_its_approval(
    alice, report, decide, mod2, time_machine
):
    from moderation.services.decisions import decision_approve
    from moderation.services.targets import Target

    decision = decide(report(Target("profile", alice)).case, action="suspend", duration_days=7)
    time_machine.move_to(decision.created_at + timedelta(days=30))
    decision_approve(decision=decision, approver=mod2)
    decision.refresh_from_db()
    evidence = Evidence.objects.get(decision=decision)
    assert evidence.keep_until >= decision.applied_at + relativedelta(months=6)
    assert evidence_purge_due(now=decision.created_at + timedelta(days=190)) == 0


def test_an_undecided_out_of_court_dispute_holds_the_evidence(
    photo, report, decide, mod2, time_machine
):
    from moderation.services.disputes import dispute_decide, dispute_record

    decision = decide(report(photo).case)
    decision.refresh_from_db()
    dispute = dispute_record(
        moderator=mod2, decision=decision, body_name="User Rights", submitted_at=decision.applied_at
    )
    after = Evidence.objects.get(decision=decision).keep_until + timedelta(seconds=1)
    assert evidence_purge_due(now=after) == 0
    assert Photo.objects.filter(pk=photo.pk).exists()
    time_machine.move_to(after + timedelta(days=1))
    dispute_decide(
        moderator=mod2, dispute=dispute, outcome="upheld", decided_at=after, implemented=True
    )
    assert evidence_purge_due(now=after) == 1

from datetime import timedelta

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
    assert evidence.keep_until >= decision.created_at + timedelta(days=183)
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

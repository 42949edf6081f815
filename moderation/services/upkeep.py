"""Scheduled work: escalation before deadlines pass, and the purge of removed content and
evidence once the law no longer requires keeping it. Run by `manage.py moderation_upkeep`
(cron or the task worker), every few minutes."""

from datetime import timedelta

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from core.events import event_record
from moderation.models import Case, Decision, Dispute, Evidence, ModerationPolicy
from moderation.models.targets import CONTENT_MODELS
from moderation.services.notify import send_to_moderators
from photos.models import Photo


def cases_escalate(*, now=None) -> int:
    """Mark and announce open cases whose deadline is near or already passed."""
    now = now or timezone.now()
    lead = timedelta(hours=ModerationPolicy.current().escalate_before_hours)
    with transaction.atomic():
        due = list(
            Case.objects.select_for_update().filter(
                state__in=["open", "awaiting_approval"],
                escalated_at__isnull=True,
                deadline_at__lte=now + lead,
            )
        )
        for case in due:
            case.escalated_at = now
            case.save(update_fields=["escalated_at"])
            event_record(
                kind="moderation.case_escalated",
                subject=case,
                data={
                    "case_id": case.pk,
                    "deadline_at": case.deadline_at.isoformat(),
                    "overdue": case.deadline_at <= now,
                },
            )
        if due:
            send_to_moderators(template="cases_escalated", context={"cases": due})
    return len(due)


def evidence_purge_due(*, now=None) -> int:
    """Evidence (and the removed content it documents) whose retention has ended: ten weeks
    (Candid's policy; the repealed NetzDG §3(2) no. 4 once required them) and the six-month
    appeal window passed, no appeal open and no out-of-court dispute undecided (DSA Art. 21:
    the body reviews the decision)."""
    now = now or timezone.now()
    due = (
        Evidence.objects.filter(keep_until__lte=now, purged_at__isnull=True)
        .exclude(decision__appeals__state="submitted")
        .exclude(decision__in=Dispute.objects.filter(decided_at__isnull=True).values("decision"))
        .select_related("decision__case")
    )
    count = 0
    for evidence in due:
        with transaction.atomic():
            decision = evidence.decision
            if decision.action == Decision.Action.REMOVE and decision.state == "in_force":
                content_purge(decision=decision, reason="retention_ended")
            _evidence_purge(evidence)
        count += 1
    return count


def content_purge(*, decision: Decision, reason: str) -> None:
    """Delete removed content for good. Also used at once for content whose mere storage
    is unlawful (the documented exception to keeping removed content)."""
    case = decision.case
    model = CONTENT_MODELS.get(case.target_type)
    obj = (
        model.objects.filter(pk=case.target_id, removed_at__isnull=False).first() if model else None
    )
    if obj is None:
        return
    files = _files_of(obj)
    obj.delete()
    event_record(
        kind="moderation.content_purged",
        subject=decision,
        data={"decision_id": decision.pk, "target_type": case.target_type, "reason": reason},
    )
    transaction.on_commit(lambda: [default_storage.delete(f) for f in files])


def _evidence_purge(evidence: Evidence) -> None:
    image = evidence.image
    evidence.image, evidence.text, evidence.purged_at = "", {}, timezone.now()
    evidence.save(update_fields=["image", "text", "purged_at"])
    event_record(
        kind="moderation.evidence_purged",
        subject=evidence.decision,
        data={"decision_id": evidence.decision_id},
    )
    if image:
        transaction.on_commit(lambda: default_storage.delete(image))


def _files_of(obj) -> list[str]:
    if isinstance(obj, Photo):
        return [obj.original, *obj.renditions.values_list("file", flat=True)]
    return []

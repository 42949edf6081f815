"""Out-of-court dispute settlement (DSA Art. 21): a moderator records that a user or
notifier took a decision to a certified body, and later the body's outcome and whether
Candid implemented it. Both steps are public moderation events, so the DSA report
(Art. 24(1)(a): number, outcomes, median time, share implemented) comes from the log."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.permissions import ensure_moderator
from core.errors import ServiceError
from core.events import event_record
from moderation.models import Decision, Dispute
from moderation.services.notices import reference_new
from moderation.services.statements import utc_stamp


def dispute_record(
    *, moderator: User, decision: Decision, body_name: str, submitted_at: datetime
) -> Dispute:
    ensure_moderator(moderator)
    now = timezone.now()
    if not body_name.strip():
        raise ServiceError(_("Name the out-of-court settlement body."))
    if timezone.is_naive(submitted_at) or submitted_at > now:
        raise ServiceError(_("Give when the dispute was submitted (a past time, with time zone)."))
    if decision.applied_at is None or submitted_at < decision.applied_at:
        raise ServiceError(_("A dispute can only be about a decision that was already applied."))
    with transaction.atomic():
        dispute = Dispute.objects.create(
            reference=reference_new("D"),
            decision=decision,
            body_name=body_name.strip(),
            submitted_at=submitted_at,
            recorded_by=moderator,
            created_at=now,
        )
        event_record(
            kind="moderation.dispute_submitted",
            actor=moderator,
            subject=dispute,
            data={
                "dispute_id": dispute.pk,
                "decision_id": decision.pk,
                "decision_action": decision.action,
                "submitted_at": utc_stamp(submitted_at),
            },
            private={"body_name": dispute.body_name},
        )
    return dispute


def dispute_decide(
    *,
    moderator: User,
    dispute: Dispute,
    outcome: str,
    decided_at: datetime,
    implemented: bool,
) -> Dispute:
    """`implemented`: Candid followed the body's (non-binding) decision. An upheld
    decision needs nothing done, so it counts as implemented."""
    ensure_moderator(moderator)
    if outcome not in Dispute.Outcome.values:
        raise ServiceError(_("Choose an outcome: upheld, reversed, partially or omitted."))
    if timezone.is_naive(decided_at) or decided_at > timezone.now():
        raise ServiceError(_("Give when the body decided (a past time, with time zone)."))
    with transaction.atomic():
        dispute = Dispute.objects.select_for_update().get(pk=dispute.pk)
        if dispute.outcome:
            raise ServiceError(_("The outcome of this dispute is already recorded."))
        if decided_at < dispute.submitted_at:
            raise ServiceError(_("The body cannot have decided before the dispute was submitted."))
        dispute.outcome, dispute.decided_at = outcome, decided_at
        dispute.implemented = implemented or outcome == Dispute.Outcome.UPHELD
        dispute.save(update_fields=["outcome", "decided_at", "implemented"])
        event_record(
            kind="moderation.dispute_decided",
            actor=moderator,
            subject=dispute,
            data={
                "dispute_id": dispute.pk,
                "decision_id": dispute.decision_id,
                "outcome": outcome,
                "implemented": dispute.implemented,
                "submitted_at": utc_stamp(dispute.submitted_at),
                "decided_at": utc_stamp(decided_at),
                "seconds_to_decide": int((decided_at - dispute.submitted_at).total_seconds()),
            },
        )
    return dispute

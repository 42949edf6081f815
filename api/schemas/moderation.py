"""What moderators see and send: the queue, a case with its notices and decisions,
decisions, appeals and the audit figures. Moderators see notifiers' names and emails
(they may need to ask back); nobody else does."""

from datetime import datetime
from typing import Literal

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Schema

from api.schemas.common import UserRef, absolute, user_ref
from api.schemas.notices import AppealOut, RuleRef, present_appeal, rule_ref
from api.schemas.text import InputSchema
from moderation.models import Appeal, Case, Decision, Notice
from moderation.models.targets import MODELS, REMOTE_TYPES, TargetType

ActionValue = Literal[tuple(Decision.Action.values)]
AutomationValue = Literal[tuple(Decision.Automation.values)]
OutcomeValue = Literal[tuple(Appeal.Outcome.values)]
TARGET_URL_NAMES = {TargetType.PHOTO: "photo", TargetType.ALBUM: "album"}


class Timing(Schema):
    deadline_at: datetime
    seconds_left: int = Field(description="Until the deadline; negative once overdue.")
    overdue: bool


class QueueItemOut(Timing):
    id: int
    target_type: str
    target_id: int
    state: str
    priority: int = Field(description="0 high (trusted flaggers), 1 normal, 2 deprioritised.")
    notice_count: int
    opened_at: datetime
    escalated_at: datetime | None


class ModNoticeOut(Schema):
    id: int = Field(description="Use in `unfounded_notice_ids` of a decision.")
    reference: str
    received_at: datetime
    deadline_at: datetime
    channel: str
    notifier_type: str
    notifier: str | None = Field(description="The notifier's username, if signed in.")
    notifier_name: str
    notifier_email: str
    ground: str
    category: str
    country: str
    law: str
    netzdg_manifest: bool
    rule: RuleRef | None
    explanation: str
    good_faith: bool
    priority: int
    outcome: str
    manifestly_unfounded: bool
    forwarded_to: str = Field(
        "", description="Content from another server: the server the notifier also sent it to."
    )
    forwarded_at: datetime | None = None
    forwarded_with_identity: bool = Field(
        False, description="Whether the report sent there named the notifier's account."
    )


class DecisionOut(Schema):
    id: int
    case_id: int
    state: str = Field(description="pending_approval, in_force, rejected, reversed, superseded.")
    action: str
    ground: str
    category: str
    legal_ground: str
    legal_explanation: str
    rule: RuleRef | None
    rule_explanation: str
    facts: str
    automated_detection: bool
    automated_decision: str
    territorial_scope: list[str]
    ends_at: datetime | None
    manifestly_illegal: bool
    storage_unlawful: bool
    moderator: UserRef
    approved_by: UserRef | None
    created_at: datetime
    applied_at: datetime | None
    statement_puid: str | None = Field(description="Set once a statement of reasons was sent.")


class CaseOut(QueueItemOut):
    version: int = Field(description="Send as `expected_version` when deciding.")
    target_owner: UserRef | None
    target_url: str | None
    decided_at: datetime | None
    strike_proposal: str = Field(description="What the strike policy proposes for the owner.")
    earlier_cases: list[int]
    notices: list[ModNoticeOut]
    decisions: list[DecisionOut]


class MeasureIn(InputSchema):
    """Mirrors the statement of reasons: the service refuses a decision lacking a field
    its statement needs (DSA Art. 17(3))."""

    action: ActionValue
    facts: str = Field(max_length=5000)
    ground: Literal["illegal", "rules", ""] = ""
    category: str = Field("", max_length=80)
    legal_ground: str = Field("", max_length=500)
    legal_explanation: str = Field("", max_length=2000)
    rule_code: str = Field("", max_length=40)
    rule_explanation: str = Field("", max_length=2000)
    automated_detection: bool = False
    automated_decision: AutomationValue = Decision.Automation.NOT_AUTOMATED.value
    countries: list[str] = Field(default_factory=list, description="For `withhold`.")
    duration_days: int | None = Field(None, ge=1, le=3650, description="For `suspend`.")
    manifestly_illegal: bool = False
    storage_unlawful: bool = False


class DecisionIn(MeasureIn):
    expected_version: int = Field(description="The case `version` you reviewed.")
    unfounded_notice_ids: list[int] = Field(default_factory=list)


class RejectIn(InputSchema):
    reason: str = Field(max_length=2000, description="Why you do not approve.")


class AppealDecideIn(InputSchema):
    outcome: OutcomeValue
    reasons: str = Field(max_length=5000, description="Both parties read them.")
    replacement: MeasureIn | None = Field(
        None, description="Required for `modified`: the content measure that replaces the decision."
    )


class ModAppealOut(AppealOut):
    id: int
    case_id: int
    appellant: UserRef | None
    appellant_email: str
    has_attachment: bool
    decision_moderator: UserRef = Field(description="Cannot decide this appeal.")
    decided_by: UserRef | None


class AuditRowOut(Schema):
    moderator: UserRef
    decisions: int
    median_hours: float | None = Field(description="Median hours from case opened to decision.")
    appeal_rate: float
    overturn_rate: float


def timing(deadline_at: datetime, now: datetime) -> dict:
    left = int((deadline_at - now).total_seconds())
    return {"deadline_at": deadline_at, "seconds_left": left, "overdue": left < 0}


def present_queue_item(case: Case, now: datetime) -> dict:
    return {
        **timing(case.deadline_at, now),
        "id": case.pk,
        "target_type": case.target_type,
        "target_id": case.target_id,
        "state": case.state,
        "priority": case.priority,
        "notice_count": _notice_count(case),
        "opened_at": case.opened_at,
        "escalated_at": case.escalated_at,
    }


def _notice_count(case: Case) -> int:
    """Annotated in the queue; counted from the prefetched notices on a case page."""
    if hasattr(case, "notice_count"):
        return case.notice_count
    return len(case.notices.all())


def present_case(
    request: HttpRequest, case: Case, now: datetime, *, proposal: str, earlier: list[int]
) -> dict:
    """Expects `moderation.selectors.case_detail`'s prefetching."""
    owner = case.target_owner
    return {
        **present_queue_item(case, now),
        "version": case.version,
        "target_owner": user_ref(owner) if owner else None,
        "target_url": _target_url(request, case),
        "decided_at": case.decided_at,
        "strike_proposal": proposal,
        "earlier_cases": earlier,
        "notices": [present_notice(n) for n in case.notices.all()],
        "decisions": [present_decision(d) for d in case.decisions.all()],
    }


def _target_url(request: HttpRequest, case: Case) -> str | None:
    if case.target_type == TargetType.PROFILE and case.target_owner:
        return absolute(request, reverse("profile", args=[case.target_owner.username]))
    if case.target_type in REMOTE_TYPES:  # content from another server: its own address
        model = MODELS[case.target_type]
        return model.objects.filter(pk=case.target_id).values_list("uri", flat=True).first()
    name = TARGET_URL_NAMES.get(case.target_type)
    return absolute(request, reverse(name, args=[case.target_id])) if name else None


def present_notice(notice: Notice) -> dict:
    return {
        "id": notice.pk,
        "reference": notice.reference,
        "received_at": notice.received_at,
        "deadline_at": notice.deadline_at,
        "channel": notice.channel,
        "notifier_type": notice.notifier_type,
        "notifier": notice.notifier.username if notice.notifier else None,
        "notifier_name": notice.notifier_name,
        "notifier_email": notice.notifier_email,
        "ground": notice.ground,
        "category": notice.category,
        "country": notice.country,
        "law": notice.law,
        "netzdg_manifest": notice.netzdg_manifest,
        "rule": rule_ref(notice.rule),
        "explanation": notice.explanation,
        "good_faith": notice.good_faith,
        "priority": notice.priority,
        "outcome": notice.outcome,
        "manifestly_unfounded": notice.manifestly_unfounded,
        "forwarded_to": notice.forwarded_to,
        "forwarded_at": notice.forwarded_at,
        "forwarded_with_identity": notice.forwarded_with_identity,
    }


def present_decision(decision: Decision) -> dict:
    statement = getattr(decision, "statement", None)
    return {
        "id": decision.pk,
        "case_id": decision.case_id,
        "state": decision.state,
        "action": decision.action,
        "ground": decision.ground,
        "category": decision.category,
        "legal_ground": decision.legal_ground,
        "legal_explanation": decision.legal_explanation,
        "rule": rule_ref(decision.rule),
        "rule_explanation": decision.rule_explanation,
        "facts": decision.facts,
        "automated_detection": decision.automated_detection,
        "automated_decision": decision.automated_decision,
        "territorial_scope": decision.territorial_scope,
        "ends_at": decision.ends_at,
        "manifestly_illegal": decision.manifestly_illegal,
        "storage_unlawful": decision.storage_unlawful,
        "moderator": user_ref(decision.moderator),
        "approved_by": user_ref(decision.approved_by) if decision.approved_by else None,
        "created_at": decision.created_at,
        "applied_at": decision.applied_at,
        "statement_puid": statement.puid if statement else None,
    }


def present_mod_appeal(appeal: Appeal) -> dict:
    decision = appeal.decision
    return {
        **present_appeal(appeal),
        "id": appeal.pk,
        "case_id": decision.case_id,
        "appellant": user_ref(appeal.appellant) if appeal.appellant else None,
        "appellant_email": appeal.appellant_email,
        "has_attachment": bool(appeal.attachment),
        "decision_moderator": user_ref(decision.moderator),
        "decided_by": user_ref(appeal.decided_by) if appeal.decided_by else None,
    }


def present_audit_row(row: dict) -> dict:
    return {**row, "moderator": user_ref(row["moderator"])}

"""Moderators' endpoints: the queue, cases, decisions with the four-eyes approval, appeals
and the audit. Only moderators and admins get past `moderator_of` (403 for everyone else);
the services check again, so no path around it writes anything."""

from dataclasses import fields
from functools import partial

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router

from accounts.permissions import ensure_moderator
from api.auth import USER_READ, USER_WRITE, user_of
from api.pagination import Page, PageParams, page_of
from api.schemas.common import ERRORS, ErrorOut
from api.schemas.moderation import (
    AppealDecideIn,
    AuditRowOut,
    CaseOut,
    DecisionIn,
    DecisionOut,
    ModAppealOut,
    QueueItemOut,
    RejectIn,
    present_audit_row,
    present_case,
    present_decision,
    present_mod_appeal,
    present_queue_item,
)
from api.schemas.moderation_queue import (
    BulkDecisionIn,
    ClaimOut,
    QueueFilterParams,
    present_claim,
)
from api.schemas.notices import NOT_NOTICE_FIELDS
from api.schemas.staff_notices import (
    OwnInitiativeIn,
    OwnInitiativeOut,
    StaffNoticeIn,
    StaffNoticeOut,
    present_staff_notice,
)
from core.errors import NotFound
from moderation.models import Appeal, Case, Decision
from moderation.queue_selectors import next_case, queue_filtered
from moderation.selectors import (
    appeal_detail,
    case_detail,
    decision_detail,
    moderator_audit,
    open_appeals,
    target_history,
)
from moderation.services.appeals import appeal_decide
from moderation.services.bulk import decisions_issue_bulk
from moderation.services.claims import case_claim, case_release
from moderation.services.decisions import (
    DecisionInput,
    decision_approve,
    decision_issue,
    decision_reject,
)
from moderation.services.notices import notice_submit
from moderation.services.own_initiative import case_open_own_initiative
from moderation.services.strikes import strike_proposal
from moderation.services.targets import target_get, target_named

router = Router(tags=["moderation"])
DECISION_FIELDS = {f.name for f in fields(DecisionInput)}
WITH_CONFLICT = {409: ErrorOut, **ERRORS}


def moderator_of(request: HttpRequest):
    """The calling moderator; anyone else is refused with 403 and a plain reason."""
    user = user_of(request)
    ensure_moderator(user)
    return user


def case_of(case_id: int) -> Case:
    case = case_detail(case_id)
    if case is None:
        raise NotFound(_("No such case."))
    return case


def decision_of(decision_id: int) -> Decision:
    decision = decision_detail(decision_id)
    if decision is None:
        raise NotFound(_("No such decision."))
    return decision


def appeal_of(appeal_id: int) -> Appeal:
    appeal = appeal_detail(appeal_id)
    if appeal is None:
        raise NotFound(_("No such appeal."))
    return appeal


@router.get("/moderation/queue", response={200: Page[QueueItemOut], **ERRORS}, auth=USER_READ)
def queue(request: HttpRequest, page: Query[PageParams], only: Query[QueueFilterParams]):
    """Open cases, awaiting approvals and appealed cases: trusted flaggers first, then by
    deadline, overdue at the top. The filters narrow it as the web queue's do; an unknown
    filter value answers 422. Moderators only; scope `read`."""
    moderator = moderator_of(request)
    present = partial(present_queue_item, now=timezone.now())
    return page_of(request, queue_filtered(only.to_filter(), moderator.pk), page, present)


@router.get("/moderation/next-case", response={200: CaseOut, 204: None, **ERRORS}, auth=USER_READ)
def case_next(request: HttpRequest, only: Query[QueueFilterParams], after: int | None = None):
    """The first case of the (filtered) queue you can decide now: open, not claimed by
    another moderator, not about your own content, and not `after` (the case you just
    finished). 204 when none is left. It is not claimed for you: claim it with
    `POST /moderation/cases/{id}/claim`. Moderators only; scope `read`."""
    moderator = moderator_of(request)
    following = next_case(only.to_filter(), moderator.pk, after=after)
    if following is None:
        return 204, None
    return case_view(request, following.pk)


@router.get("/moderation/cases/{case_id}", response={200: CaseOut, **ERRORS}, auth=USER_READ)
def case_view(request: HttpRequest, case_id: int):
    """A case with its notices (notifier contact included), its decisions, earlier cases
    about the same item and the strike policy's proposal. Moderators only; scope `read`."""
    moderator_of(request)
    case = case_of(case_id)
    owner = case.target_owner
    return present_case(
        request,
        case,
        timezone.now(),
        proposal=strike_proposal(owner) if owner else "",
        earlier=list(target_history(case).values_list("pk", flat=True)),
    )


@router.post(
    "/moderation/cases/{case_id}/claim", response={200: ClaimOut, **ERRORS}, auth=USER_WRITE
)
def claim(request: HttpRequest, case_id: int):
    """Claim an open case for 30 minutes so other moderators' queues and next case skip it
    (again: extends your claim). A courtesy, not a lock: anyone may still decide it, and
    deciding releases it. 400 while another moderator's claim runs. Scope `write`."""
    case = case_claim(case=case_of(case_id), moderator=moderator_of(request))
    return present_claim(case)


@router.delete(
    "/moderation/cases/{case_id}/claim", response={200: ClaimOut, **ERRORS}, auth=USER_WRITE
)
def claim_release(request: HttpRequest, case_id: int):
    """Give your claim on a case back. 400 when it is not yours. Scope `write`."""
    case = case_release(case=case_of(case_id), moderator=moderator_of(request))
    return present_claim(case)


@router.post(
    "/moderation/cases/{case_id}/decisions",
    response={201: DecisionOut, **WITH_CONFLICT},
    auth=USER_WRITE,
)
def case_decide(request: HttpRequest, case_id: int, decision: DecisionIn):
    """Decide an open case. 409 when the case changed since you read `version`. Suspension
    and termination wait for a second moderator (state `pending_approval`); every other
    restriction applies at once and sends the statement of reasons. Scope `write`."""
    moderator = moderator_of(request)
    sent = decision.model_dump()
    issued = decision_issue(
        case=case_of(case_id),
        moderator=moderator,
        data=DecisionInput(**{k: v for k, v in sent.items() if k in DECISION_FIELDS}),
        expected_version=sent["expected_version"],
    )
    return 201, present_decision(decision_of(issued.pk))


@router.post(
    "/moderation/decisions/bulk",
    response={201: list[DecisionOut], **WITH_CONFLICT},
    auth=USER_WRITE,
)
def cases_decide(request: HttpRequest, decision: BulkDecisionIn):
    """One reasoned decision for several cases (the same photo uploaded again, one wave of
    notices): all or none. Each case still gets its own decision and statement of reasons
    (DSA Art. 17). 409 when one changed since you read its version; 400 naming the case
    when one cannot take the measure. Scope `write`."""
    moderator = moderator_of(request)
    sent = decision.model_dump()
    data = DecisionInput(**{k: v for k, v in sent.items() if k in DECISION_FIELDS})
    chosen = [(case_of(item.case_id), item.version) for item in decision.cases]
    issued = decisions_issue_bulk(cases=chosen, moderator=moderator, data=data)
    return 201, [present_decision(decision_of(one.pk)) for one in issued]


@router.post(
    "/moderation/decisions/{decision_id}/approve",
    response={200: DecisionOut, **WITH_CONFLICT},
    auth=USER_WRITE,
)
def decision_approval(request: HttpRequest, decision_id: int):
    """Approve another moderator's suspension or termination (four eyes). Scope `write`."""
    approver = moderator_of(request)
    decision_approve(decision=decision_of(decision_id), approver=approver)
    return present_decision(decision_of(decision_id))


@router.post(
    "/moderation/decisions/{decision_id}/reject",
    response={200: DecisionOut, **WITH_CONFLICT},
    auth=USER_WRITE,
)
def decision_rejection(request: HttpRequest, decision_id: int, rejection: RejectIn):
    """Turn down another moderator's proposed suspension or termination; the case opens
    again. Scope `write`."""
    approver = moderator_of(request)
    decision_reject(decision=decision_of(decision_id), approver=approver, reason=rejection.reason)
    return present_decision(decision_of(decision_id))


@router.get("/moderation/appeals", response={200: Page[ModAppealOut], **ERRORS}, auth=USER_READ)
def appeal_list(request: HttpRequest, page: Query[PageParams]):
    """Appeals waiting for a decision, oldest first. Moderators only; scope `read`."""
    moderator_of(request)
    appeals = open_appeals().select_related("appellant", "decided_by")
    return page_of(request, appeals, page, present_mod_appeal)


@router.post(
    "/moderation/appeals/{appeal_id}/decide",
    response={200: ModAppealOut, **WITH_CONFLICT},
    auth=USER_WRITE,
)
def appeal_decision(request: HttpRequest, appeal_id: int, verdict: AppealDecideIn):
    """Decide an appeal: upheld, reversed (content restored, strike removed, account
    reinstated) or modified. Only a moderator who took no part in the decision
    (DSA Art. 20(6)). Both parties are told. Scope `write`."""
    moderator = moderator_of(request)
    replacement = verdict.replacement
    appeal_decide(
        appeal=appeal_of(appeal_id),
        moderator=moderator,
        outcome=verdict.outcome,
        reasons=verdict.reasons,
        replacement=DecisionInput(**replacement.dict()) if replacement else None,
    )
    return present_mod_appeal(appeal_of(appeal_id))


@router.get("/moderation/audit", response={200: list[AuditRowOut], **ERRORS}, auth=USER_READ)
def audit(request: HttpRequest):
    """Per moderator: decisions, median hours to decide, appeal and overturn rates.
    Moderators only; scope `read`."""
    moderator_of(request)
    return [present_audit_row(row) for row in moderator_audit()]


@router.post("/moderation/notices", response={201: StaffNoticeOut, **ERRORS}, auth=USER_WRITE)
def staff_notice(request: HttpRequest, notice: StaffNoticeIn):
    """Enter a notice received outside the report form (channel `moderator`) or an order
    from an authority (channel `authority`). It joins the item's case and counts in every
    transparency report. Moderators only; scope `write`."""
    moderator_of(request)
    sent = notice.model_dump(exclude=NOT_NOTICE_FIELDS)
    filed = notice_submit(target=staff_target(notice), rule_code=notice.rule, notifier=None, **sent)
    return 201, present_staff_notice(filed)


@router.post("/moderation/cases", response={201: OwnInitiativeOut, **ERRORS}, auth=USER_WRITE)
def own_initiative_case(request: HttpRequest, item: OwnInitiativeIn):
    """Open a case on the platform's own initiative, without any notice (DSA Art. 15(1)(c)).
    Moderators only; scope `write`."""
    case = case_open_own_initiative(
        moderator=moderator_of(request), target=target_get(item.target_type, item.target_id)
    )
    return 201, {"case_id": case.pk, "own_initiative": True, "deadline_at": case.deadline_at}


def staff_target(notice: StaffNoticeIn):
    """Moderators may name any item, including private ones: no visibility filter."""
    return target_named(
        url=notice.target_url, target_type=notice.target_type, target_id=notice.target_id
    )

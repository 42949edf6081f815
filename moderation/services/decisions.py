"""Deciding a case. No enforcement without a statement of reasons (DSA Art. 17); account
suspension or termination needs a second moderator (four eyes); strikes and misuse
thresholds are proposed to moderators, never applied silently."""

import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.permissions import ensure_moderator
from core.deadlines import deadline
from core.errors import PermissionDenied, ServiceError
from core.events import event_record
from moderation import states
from moderation.models import Case, Decision, Evidence, Notice
from moderation.selectors import rule_in_force
from moderation.services import enforcement
from moderation.services.misuse import (
    misuse_review_notifier,
    misuse_review_poster,
    misuse_review_server,
    notice_server,
)
from moderation.services.notify import send_to_moderators
from moderation.services.statements import notifiers_inform, statement_send
from moderation.services.strikes import strike_record
from moderation.services.targets import target_get
from moderation.sor import ILLEGAL_CATEGORIES

Action = Decision.Action
FOUR_EYES = {Action.SUSPEND, Action.TERMINATE}


class Conflict(ServiceError):
    status = 409


@dataclass
class DecisionInput:
    action: str
    facts: str
    ground: str = ""
    category: str = ""
    legal_ground: str = ""
    legal_explanation: str = ""
    rule_code: str = ""
    rule_explanation: str = ""
    automated_detection: bool = False
    automated_decision: str = Decision.Automation.NOT_AUTOMATED
    countries: list[str] = field(default_factory=list)
    duration_days: int | None = None
    manifestly_illegal: bool = False
    storage_unlawful: bool = False
    unfounded_notice_ids: list[int] = field(default_factory=list)


def decision_issue(
    *, case: Case, moderator: User, data: DecisionInput, expected_version: int
) -> Decision:
    """Decide an open case. `expected_version` is the case version the moderator saw: if
    someone else decided or a notice joined meanwhile, the decision is refused."""
    ensure_moderator(moderator)
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        if case.version != expected_version or case.state != "open":
            raise Conflict(
                _(
                    "This case changed while you were looking at it (another moderator "
                    "decided it, or a new notice joined). Reload and review it again."
                )
            )
        target = target_get(case.target_type, case.target_id)
        if target.owner_id == moderator.pk:
            raise PermissionDenied(_("You cannot decide a case about your own content."))
        decision = _create(case, moderator, data, target)
        _mark_unfounded(case, data.unfounded_notice_ids)
        if data.action in FOUR_EYES:
            states.case_move(case, "awaiting_approval")
            event_record(
                kind="moderation.decision_proposed",
                actor=moderator,
                subject=decision,
                data=_public(decision),
            )
            send_to_moderators(
                template="approval_needed", context={"decision": decision}, exclude=moderator
            )
        else:
            _put_in_force(decision, target)
    return decision


def decision_approve(*, decision: Decision, approver: User) -> Decision:
    """The second pair of eyes for suspension and termination."""
    ensure_moderator(approver)
    with transaction.atomic():
        decision = _lock_proposal(decision)
        if approver.pk == decision.moderator_id:
            raise PermissionDenied(_("A second moderator must approve this decision."))
        states.DECISION.check(decision.state, "in_force")
        decision.approved_by = approver
        target = target_get(decision.case.target_type, decision.case.target_id)
        _put_in_force(decision, target)
    return decision


def decision_reject(*, decision: Decision, approver: User, reason: str) -> Decision:
    ensure_moderator(approver)
    if not reason.strip():
        raise ServiceError(_("Say why you do not approve, for the proposing moderator."))
    with transaction.atomic():
        decision = _lock_proposal(decision)
        if approver.pk == decision.moderator_id:
            raise PermissionDenied(_("A second moderator must review this decision."))
        states.DECISION.check(decision.state, "rejected")
        decision.state = "rejected"
        decision.approved_by = approver
        decision.save(update_fields=["state", "approved_by"])
        states.case_move(decision.case, "open")
        event_record(
            kind="moderation.decision_rejected",
            actor=approver,
            subject=decision,
            data={"decision_id": decision.pk},
            private={"reason": reason},
        )
    return decision


def _lock_proposal(decision: Decision) -> Decision:
    """Two second moderators at once: the row lock lets one act; the other is told."""
    decision = Decision.objects.select_for_update().select_related("case").get(pk=decision.pk)
    if decision.state != "pending_approval":
        raise Conflict(
            _(
                "Another moderator approved or turned down this proposal meanwhile. "
                "Reload it to see what was decided."
            )
        )
    return decision


def decision_replace(*, appeal, moderator: User, data: DecisionInput) -> Decision:
    """An appeal's "modified" outcome (DSA Art. 20(4)): the appeal's decider puts a content
    measure in place of the original decision, which appeal_decide has already undone.
    Account measures are not imposed this way: they need four eyes as a new decision."""
    if data.action in FOUR_EYES:
        raise ServiceError(
            _(
                "A modified outcome can impose a content measure only; propose a "
                "suspension or termination as a new decision (four eyes)."
            )
        )
    case = appeal.decision.case
    target = target_get(case.target_type, case.target_id)
    decision = _create(case, moderator, data, target)
    decision.appeal_of = appeal
    _put_in_force(decision, target)
    return decision


def _create(case: Case, moderator: User, data: DecisionInput, target) -> Decision:
    rule = _validate(data)
    enforcement.check_applicable(data.action, target)
    now = timezone.now()
    decision = Decision.objects.create(
        case=case,
        moderator=moderator,
        action=data.action,
        ground=data.ground,
        category=data.category if data.ground == "illegal" else "",
        rule=rule,
        legal_ground=data.legal_ground.strip(),
        legal_explanation=data.legal_explanation.strip(),
        rule_explanation=data.rule_explanation.strip(),
        facts=data.facts.strip(),
        automated_detection=data.automated_detection,
        automated_decision=data.automated_decision,
        territorial_scope=sorted({c.upper() for c in data.countries}),
        ends_at=now + timedelta(days=data.duration_days) if data.duration_days else None,
        manifestly_illegal=data.manifestly_illegal,
        storage_unlawful=data.storage_unlawful,
        created_at=now,
        state="pending_approval" if data.action in FOUR_EYES else "in_force",
    )
    _snapshot(decision, target)
    return decision


def _validate(data: DecisionInput):
    """Refuse a decision that lacks what its statement of reasons must say (Art. 17(3))."""
    if data.action not in Action.values:
        raise ServiceError(_("Choose what to do."))
    if len(data.facts.strip()) < 10:
        raise ServiceError(_("State the facts and circumstances the decision relies on."))
    if data.duration_days and data.action != Action.SUSPEND:
        raise ServiceError(
            _("Only a suspension has a duration; other measures last until they are reversed.")
        )
    if any(not re.fullmatch(r"[A-Za-z]{2}", code or "") for code in data.countries):
        raise ServiceError(_("Name the countries by their two-letter codes, e.g. DE, AT."))
    if data.action == Action.NO_ACTION:
        return None
    if data.ground == "illegal":
        if not data.legal_ground.strip() or not data.legal_explanation.strip():
            raise ServiceError(_("Cite the law and explain why the content is illegal under it."))
        if data.category not in ILLEGAL_CATEGORIES:
            raise ServiceError(_("Choose the category of illegal content."))
        rule = None
    elif data.ground == "rules":
        rule = rule_in_force(data.rule_code)
        if rule is None or not data.rule_explanation.strip():
            raise ServiceError(_("Cite a community rule in force and explain how it was broken."))
    else:
        raise ServiceError(_("Choose the ground: illegal content or a community rule."))
    if data.action == Action.WITHHOLD and not data.countries:
        raise ServiceError(_("Name the countries in which the content is withheld."))
    if data.action == Action.SUSPEND and not (data.duration_days and data.duration_days > 0):
        raise ServiceError(_("A suspension needs a duration in days."))
    return rule


def _snapshot(decision: Decision, target) -> None:
    from moderation.services.targets import snapshot_image_path, snapshot_text

    image = ""
    source = snapshot_image_path(target)
    if source and not decision.storage_unlawful:
        with default_storage.open(source, "rb") as original:
            image = default_storage.save(
                f"evidence/{decision.pk}-{secrets.token_hex(6)}.jpg", ContentFile(original.read())
            )
    Evidence.objects.create(
        decision=decision,
        image=image,
        text=snapshot_text(target),
        captured_at=decision.created_at,
        keep_until=evidence_kept_until(decision.created_at),
    )


def evidence_kept_until(start) -> datetime:
    """Ten weeks (Candid's evidence-retention policy, the period of the repealed NetzDG
    §3(2) no. 4) and the six-month appeal window (DSA Art. 20(1)), both counted from when
    the decision takes effect and its statement goes out. Until a four-eyes decision is
    approved, from its proposal; approval counts again."""
    return max(deadline("evidence_retention", start=start), deadline("appeal_window", start=start))


def _put_in_force(decision: Decision, target) -> None:
    decision.state = "in_force"
    decision.applied_at = timezone.now()
    if decision.ends_at and decision.action == Action.SUSPEND:
        decision.ends_at = decision.applied_at + (decision.ends_at - decision.created_at)
    enforcement.apply(decision, target)
    decision.save()
    Evidence.objects.filter(decision=decision).update(
        keep_until=evidence_kept_until(decision.applied_at)
    )
    case = decision.case
    case.decided_at = decision.applied_at
    states.case_move(case, "decided")
    event_record(
        kind="moderation.decision_applied",
        actor=decision.moderator,
        subject=decision,
        data=_public(decision),
    )
    if statement_send(decision=decision, target=target):
        event_record(
            kind="moderation.statement_sent",
            subject=decision.statement,
            data={"decision_id": decision.pk, "puid": decision.statement.puid},
        )
    notifiers_inform(decision=decision)
    if target.member is not None:  # strikes and misuse review count members' records
        strike_record(decision=decision, user=target.member)
        if decision.manifestly_illegal:
            misuse_review_poster(user=target.member)
    if decision.storage_unlawful:
        from moderation.services.upkeep import content_purge

        content_purge(decision=decision, reason="storage_unlawful")


def _mark_unfounded(case: Case, notice_ids: list[int]) -> None:
    notices = list(case.notices.filter(pk__in=notice_ids))
    if len(notices) != len(set(notice_ids)):
        raise ServiceError(_("Only notices of this case can be marked unfounded."))
    Notice.objects.filter(pk__in=[n.pk for n in notices]).update(manifestly_unfounded=True)
    notifiers = {_notifier_key(n): n for n in notices}
    for notice in notifiers.values():  # one step per decision, however many notices
        if notice.channel == Notice.Channel.FEDERATION:
            misuse_review_server(notice=notice)
        else:
            misuse_review_notifier(notice=notice)


def _notifier_key(notice: Notice) -> object:
    """Who sent it: a member, an email address, or another server (the reporting actor;
    a server's notices carry neither account nor email)."""
    if notice.channel == Notice.Channel.FEDERATION:
        return ("server", notice_server(notice))
    return notice.notifier_id or notice.notifier_email.lower()


def _public(decision: Decision) -> dict:
    return {
        "decision_id": decision.pk,
        "case_id": decision.case_id,
        "action": decision.action,
        "ground": decision.ground,
        "category": decision.category,
        "rule": decision.rule.code if decision.rule else "",
        "automated_detection": decision.automated_detection,
        "automated_decision": decision.automated_decision,
        "territorial_scope": decision.territorial_scope,
        "ends_at": decision.ends_at.isoformat() if decision.ends_at else None,
        "four_eyes": decision.approved_by_id is not None,
        "manifestly_illegal": decision.manifestly_illegal,
        "own_initiative": decision.case.own_initiative,
        "appeal_of": decision.appeal_of_id,
    }

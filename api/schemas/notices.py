"""Notices, the community rules, and what affected users and notifiers are told.

A notifier's receipt carries the public reference only, never internal ids. A statement
of reasons carries everything DSA Art. 17(3) asks for, with how to contest it.
"""

from datetime import datetime
from typing import Any, Literal

from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from ninja import Field, Schema

from api.schemas.common import absolute
from api.schemas.text import InputSchema, VisibleText
from moderation.models import Appeal, Decision, Notice, RuleSet
from moderation.models.targets import TargetType
from moderation.rule_wording import rule_wording, rules_worded
from moderation.selectors import (
    appeal_deadline,
    appeal_open,
    appeal_words_for,
    decision_answering,
    rules_of,
)

TargetTypeValue = Literal[tuple(TargetType.values)]
GroundValue = Literal["illegal", "rules"]
COURTS = gettext_lazy("You may also take the matter to the competent court.")


class NoticeFields(InputSchema):
    """Name the item with `target_url`, or with `target_type` and `target_id`."""

    target_url: str | None = Field(
        None,
        max_length=500,
        description="A link to a photo, album or profile on Candid; a photo link ending "
        "in #comment-N names that comment.",
    )
    target_type: TargetTypeValue | None = None
    target_id: int | None = None
    ground: GroundValue = Field(
        description="`illegal`: illegal content (DSA Art. 16, NetzDG); "
        "`rules`: breaks the community rules."
    )
    explanation: str = Field(
        max_length=5000, description="Why you report this, in a sentence or more."
    )
    country: str = Field(
        "", max_length=100, description="Illegal content: the country whose law it breaks (DE)."
    )
    law: str = Field("", max_length=300, description="Illegal content: the law or offence.")
    category: str = Field(
        "", max_length=80, description="Illegal content, optional: a STATEMENT_CATEGORY_… key."
    )
    netzdg_manifest: bool = Field(
        False, description="Illegal content: manifestly illegal under NetzDG (24-hour deadline)."
    )
    good_faith: bool = Field(
        False,
        description="Illegal content, required: the report is accurate and complete to the "
        "best of your knowledge.",
    )
    rule: str = Field("", max_length=40, description="Community rules: a rule code (GET /rules).")
    notifier_name: VisibleText = Field("", max_length=120, description="Required without a token.")
    notifier_email: str = Field("", max_length=254, description="Required without a token.")


class NoticeIn(NoticeFields):
    """A report from the form's public side: it may also be sent on to another server."""

    send_to_server: bool = Field(
        False,
        description="Content from another server, members only: also send the report to "
        "that server (a Flag from Candid's instance actor, without your identity).",
    )
    share_identity: bool = Field(
        False, description="With send_to_server: name your account in the report sent there."
    )


# Fields of NoticeIn that are not the notice itself (how to name the item, where to send it).
NOT_NOTICE_FIELDS = {
    "target_url",
    "target_type",
    "target_id",
    "rule",
    "send_to_server",
    "share_identity",
}


class NoticeReceiptOut(Schema):
    reference: str = Field(description="Quote it in any question about your report.")
    ground: GroundValue
    received_at: datetime
    deadline_at: datetime = Field(description="When a decision is due at the latest.")


class RuleOut(Schema):
    code: str
    title: str
    text: str
    examples: str


class RuleSetOut(Schema):
    version: int
    published_at: datetime
    effective_at: datetime
    summary_of_changes: str
    rules: list[RuleOut]


class RulesOut(RuleSetOut):
    upcoming: RuleSetOut | None = Field(
        description="A published version that applies later (DSA Art. 14: told in advance)."
    )


class RuleRef(Schema):
    code: str
    title: str
    version: int


class AppealIn(InputSchema):
    explanation: str = Field(max_length=5000, description="Why the decision should change.")


class AppealOut(Schema):
    reference: str
    decision_id: int
    role: str = Field(description="`affected` (the user the decision is about) or `notifier`.")
    state: str
    explanation: str
    submitted_at: datetime
    outcome: str = Field(description="upheld, reversed or modified; empty until decided.")
    reasons: str
    decided_at: datetime | None


class HowToAppealOut(Schema):
    deadline_at: datetime = Field(
        description="The last moment to appeal: the end of the day six calendar months "
        "after you were told of the decision (the same date, or that month's last day)."
    )
    open: bool = Field(description="Whether an appeal can be submitted now.")
    appeal_url: str = Field(description="POST {explanation} here, with a `write` token.")
    out_of_court_url: str = Field(description="Certified dispute settlement bodies (Art. 21).")
    courts: str


class EvidenceOut(Schema):
    captured_at: datetime
    text: dict[str, Any] = Field(description="The item's text as it was when decided.")
    image_kept: bool


class StatementOut(Schema):
    puid: str
    decision_id: int
    sent_at: datetime
    decision_state: str = Field(description="in_force, reversed (on appeal) or superseded.")
    action: str
    action_label: str
    target_type: str
    target_id: int
    territorial_scope: list[str]
    ends_at: datetime | None
    facts: str
    ground: str
    legal_ground: str
    legal_explanation: str
    rule: RuleRef | None
    rule_explanation: str
    automated_detection: bool
    automated_decision: str
    evidence: EvidenceOut | None
    fields: dict[str, Any] = Field(description="The statement in the DSA Transparency DB format.")
    how_to_appeal: HowToAppealOut
    appeals: list[AppealOut]


class DecisionRef(Schema):
    id: int = Field(description="Appeal with POST /decisions/{id}/appeals.")
    action: str
    state: str
    created_at: datetime


class MyNoticeOut(Schema):
    reference: str
    received_at: datetime
    deadline_at: datetime
    target_type: str
    target_id: int
    ground: str
    rule: str | None
    category: str
    country: str
    law: str
    explanation: str
    outcome: str = Field(description="pending, actioned or no_action.")
    decided_at: datetime | None
    decision: DecisionRef | None


def present_receipt(notice: Notice) -> dict:
    return {
        "reference": notice.reference,
        "ground": notice.ground,
        "received_at": notice.received_at,
        "deadline_at": notice.deadline_at,
    }


def present_ruleset(ruleset: RuleSet) -> dict:
    """The rules in the request's language where the version has them in it (issue 15),
    else in the source language."""
    return {
        "version": ruleset.version,
        "published_at": ruleset.published_at,
        "effective_at": ruleset.effective_at,
        "summary_of_changes": ruleset.summary_of_changes,
        "rules": [
            {"code": w.code, "title": w.title, "text": w.text, "examples": w.examples}
            for w in rules_worded(list(rules_of(ruleset)), get_language() or "")
        ],
    }


def rule_ref(rule) -> dict | None:
    """The rule's title in the request's language where its version has it (prefetch
    "rule__texts" for lists)."""
    if rule is None:
        return None
    title = rule_wording(rule, get_language() or "").title
    return {"code": rule.code, "title": title, "version": rule.ruleset.version}


def present_appeal(appeal: Appeal, *, reader_id: int | None = None) -> dict:
    """The appellant's own words only for the appellant: a notifier's appeal against a
    decision is shown to the affected user without them (and vice versa). `reader_id`
    None means the reader is the appellant (their own list of appeals)."""
    words = appeal.explanation if reader_id is None else appeal_words_for(appeal, reader_id)
    return {
        "reference": appeal.reference,
        "decision_id": appeal.decision_id,
        "role": appeal.role,
        "state": appeal.state,
        "explanation": words,
        "submitted_at": appeal.submitted_at,
        "outcome": appeal.outcome,
        "reasons": appeal.reasons,
        "decided_at": appeal.decided_at,
    }


def present_statement(request, decision: Decision, now: datetime) -> dict:
    """Expects `statement`, `rule__ruleset`, `case` and `evidence` loaded and `appeals`
    prefetched (`moderation.selectors.statements_for`)."""
    statement = decision.statement
    evidence = getattr(decision, "evidence", None)
    return {
        "puid": statement.puid,
        "decision_id": decision.pk,
        "sent_at": statement.sent_at,
        "decision_state": decision.state,
        "action": decision.action,
        "action_label": decision.get_action_display(),
        "target_type": decision.case.target_type,
        "target_id": decision.case.target_id,
        "territorial_scope": decision.territorial_scope,
        "ends_at": decision.ends_at,
        "facts": decision.facts,
        "ground": decision.ground,
        "legal_ground": decision.legal_ground,
        "legal_explanation": decision.legal_explanation,
        "rule": rule_ref(decision.rule),
        "rule_explanation": decision.rule_explanation,
        "automated_detection": decision.automated_detection,
        "automated_decision": decision.automated_decision,
        "evidence": _evidence(evidence),
        "fields": statement.fields,
        "how_to_appeal": how_to_appeal(request, decision, statement.sent_at, now),
        "appeals": [
            present_appeal(a, reader_id=statement.recipient_id) for a in decision.appeals.all()
        ],
    }


def how_to_appeal(request, decision: Decision, informed_at: datetime, now: datetime) -> dict:
    """DSA Art. 17(3)(f): internal complaint (six months, Art. 20), out-of-court dispute
    settlement (Art. 21) and judicial redress."""
    return {
        "deadline_at": appeal_deadline(informed_at),
        "open": appeal_open(decision, informed_at, now),
        "appeal_url": absolute(request, reverse("api:decision_appeal", args=[decision.pk])),
        "out_of_court_url": settings.CANDID_ODS_BODIES_URL,
        "courts": str(COURTS),
    }


def _evidence(evidence) -> dict | None:
    if evidence is None or evidence.purged_at is not None:
        return None
    return {
        "captured_at": evidence.captured_at,
        "text": evidence.text,
        "image_kept": bool(evidence.image),
    }


def present_my_notice(notice: Notice) -> dict:
    """Expects `rule` and `case__decisions` prefetched."""
    decision = decision_answering(notice)
    return {
        "reference": notice.reference,
        "received_at": notice.received_at,
        "deadline_at": notice.deadline_at,
        "target_type": notice.target_type,
        "target_id": notice.target_id,
        "ground": notice.ground,
        "rule": notice.rule.code if notice.rule else None,
        "category": notice.category,
        "country": notice.country,
        "law": notice.law,
        "explanation": notice.explanation,
        "outcome": notice.outcome,
        "decided_at": notice.decided_at,
        "decision": None
        if decision is None
        else {
            "id": decision.pk,
            "action": decision.action,
            "state": decision.state,
            "created_at": decision.created_at,
        },
    }

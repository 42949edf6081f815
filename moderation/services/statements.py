"""Statements of reasons (DSA Art. 17) and the decision notice to notifiers (Art. 16(5))."""

from django.conf import settings
from django.utils import timezone

from core.events import event_record
from moderation.models import Decision, Notice, StatementOfReasons
from moderation.models.targets import TargetType
from moderation.services.notify import send_after_commit
from moderation.services.targets import Target
from moderation.sor import restricts, sor_fields


def statement_send(*, decision: Decision, target: Target) -> StatementOfReasons | None:
    """Create and deliver the statement to the affected user, at the latest when the
    restriction applies (Art. 17(2)). A decision that restricts nothing has no statement."""
    if not restricts(decision.action):
        return None
    now = timezone.now()
    statement = StatementOfReasons.objects.create(
        decision=decision,
        puid=f"candid-decision-{decision.pk}",
        recipient=target.owner,
        fields=sor_fields(
            decision,
            content_date=_content_date(target),
            source_type=_source_type(decision),
            rule_url=_rule_url(decision),
        ),
        sent_at=now,
    )
    send_after_commit(
        to=[target.owner.email],
        template="statement_of_reasons",
        context={"decision": decision, "statement": statement, "target_label": target.label},
    )
    return statement


def notifiers_inform(*, decision: Decision) -> None:
    """Tell every notifier of the case what was decided and how to contest it (Art. 16(5))."""
    now = timezone.now()
    outcome = (
        Notice.Outcome.NO_ACTION
        if decision.action == Decision.Action.NO_ACTION
        else Notice.Outcome.ACTIONED
    )
    notices = list(decision.case.notices.filter(outcome=Notice.Outcome.PENDING))
    for notice in notices:
        send_after_commit(
            to=[notice.notifier_email],
            template="notice_decided",
            context={"notice": notice, "decision": decision},
        )
    Notice.objects.filter(pk__in=[n.pk for n in notices]).update(
        outcome=outcome, decided_at=now, notifier_informed_at=now
    )


def _source_type(decision: Decision) -> str:
    notices = decision.case.notices.all()
    if not notices:
        return "SOURCE_VOLUNTARY"
    if any(n.notifier_type == Notice.NotifierType.TRUSTED_FLAGGER for n in notices):
        return "SOURCE_TRUSTED_FLAGGER"
    if any(n.ground == "illegal" for n in notices):
        return "SOURCE_ARTICLE_16"
    return "SOURCE_TYPE_OTHER_NOTIFICATION"


def _content_date(target: Target):
    if target.type == TargetType.PROFILE:
        return target.obj.date_joined
    return target.obj.created_at


def _rule_url(decision: Decision) -> str:
    if decision.rule is None:
        return ""
    return f"{settings.SITE_URL}/rules/v{decision.rule.ruleset.version}/#{decision.rule.code}"

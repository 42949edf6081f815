"""Statements of reasons (DSA Art. 17) and the decision notice to notifiers (Art. 16(5))."""

import secrets
from datetime import UTC
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.preferences import language_for
from core.events import event_record
from core.models import Event
from federation.direct_messages import direct_message_send
from moderation.models import Decision, Notice, StatementOfReasons
from moderation.models.targets import TargetType
from moderation.rule_wording import rule_citation
from moderation.services.notify import notifier_language, send_after_commit
from moderation.services.offences import offence_of
from moderation.services.targets import Target
from moderation.sor import restricts, sor_fields


def statement_send(*, decision: Decision, target: Target) -> StatementOfReasons | None:
    """Create and deliver the statement to the affected user, at the latest when the
    restriction applies (Art. 17(2)). A decision that restricts nothing has no statement."""
    if not restricts(decision.action):
        return None
    if target.is_remote:
        return _remote_statement_send(decision, target)
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
    language = language_for(target.owner)  # the affected member's, not the moderator's
    send_after_commit(
        to=[target.owner.email],
        template="statement_of_reasons",
        context={
            "decision": decision,
            "statement": statement,
            "target_label": _in(language, lambda: target.label),
            "rule": _cited(decision, language),
        },
        language=language,
    )
    return statement


def _remote_statement_send(decision: Decision, target: Target) -> StatementOfReasons:
    """The person elsewhere gets a direct message from the instance actor linking to the
    full statement here; the link's token lets them read it and appeal without an account
    (DSA Art. 17 and 20). Written in the instance's language: theirs is not known here."""
    statement = StatementOfReasons.objects.create(
        decision=decision,
        puid=f"candid-decision-{decision.pk}",
        remote_recipient=target.owner,
        access_token=secrets.token_urlsafe(32),
        fields=sor_fields(
            decision,
            content_date=_content_date(target),
            source_type=_source_type(decision),
            rule_url=_rule_url(decision),
        ),
        sent_at=timezone.now(),
    )
    with translation.override(settings.LANGUAGE_CODE):
        paragraphs = [
            _("%(site)s has taken a measure concerning your %(item)s: %(action)s.")
            % {
                "site": urlsplit(settings.SITE_URL).netloc,
                "item": target.label,
                "action": Decision.Action(decision.action).label,
            },
            _(
                "The statement of reasons is on the page below. You can appeal there, free "
                "of charge and without an account, within six months."
            ),
        ]
    statement.remote_delivery = direct_message_send(
        to=target.owner, paragraphs=paragraphs, link=remote_statement_url(statement)
    )
    statement.save(update_fields=["remote_delivery"])
    return statement


def remote_statement_url(statement: StatementOfReasons) -> str:
    path = reverse("remote_statement", args=[statement.pk, statement.access_token])
    return f"{settings.SITE_URL}{path}"


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
        language = notifier_language(notice)
        send_after_commit(
            to=[notice.notifier_email],
            template="notice_decided",
            context={"notice": notice, "decision": decision, "rule": _cited(decision, language)},
            language=language,
        )
    Notice.objects.filter(pk__in=[n.pk for n in notices]).update(
        outcome=outcome, decided_at=now, notifier_informed_at=now
    )
    _log_informed(decision, notices, outcome, now)


def _cited(decision: Decision, language: str):
    """The decision's rule in the reader's language, with links to it in each language."""
    return rule_citation(decision.rule, language) if decision.rule_id else None


def _in(language: str, render):
    with translation.override(language):
        return str(render())


def _log_informed(decision: Decision, notices: list[Notice], outcome: str, now) -> None:
    """One public event per notice resolved by the decision. It repeats the notice's
    public attributes and when it was received (the time of its `notice_received` event),
    so the NetzDG and DSA reports count outcomes and reaction times from the log alone,
    in one GROUP BY, without joining notices to decisions (see transparency/reports)."""
    received = dict(
        Event.objects.filter(
            kind="moderation.notice_received",
            subject_type=Notice._meta.label_lower,
            subject_id__in=[n.pk for n in notices],
        ).values_list("subject_id", "created_at")
    )
    poster_informed = StatementOfReasons.objects.filter(decision=decision).exists()
    for notice in notices:
        at = received.get(notice.pk, notice.received_at)
        event_record(
            kind="moderation.notifier_informed",
            subject=notice,
            data={
                "notice_id": notice.pk,
                "decision_id": decision.pk,
                "case_id": decision.case_id,
                "outcome": outcome,
                "by_email": bool(notice.notifier_email),
                "action": decision.action,
                "decision_ground": decision.ground,
                "automated_decision": decision.automated_decision,
                "poster_informed": poster_informed,
                "channel": notice.channel,
                "notifier_type": notice.notifier_type,
                "ground": notice.ground,
                "category": notice.category,
                "country": notice.country,
                "offence": offence_of(notice.law),
                "received_at": utc_stamp(at),
                "seconds_to_decision": max(0, int((now - at).total_seconds())),
            },
        )


def utc_stamp(moment) -> str:
    """Fixed-width UTC time, so that string order is time order in JSON comparisons."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


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
    if target.type == TargetType.REMOTE_ACCOUNT:
        return target.obj.fetched_at
    if target.is_remote:
        return target.obj.published
    return target.obj.created_at


def _rule_url(decision: Decision) -> str:
    if decision.rule is None:
        return ""
    return f"{settings.SITE_URL}/rules/v{decision.rule.ruleset.version}/#{decision.rule.code}"

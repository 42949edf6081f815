"""Internal complaints (DSA Art. 20; NetzDG counter-notification): free, open for six
months to the affected user and to the notifiers, decided by a person other than the one
who decided (or approved) the decision, with a reasoned outcome told to both sides."""

import secrets

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from accounts.permissions import ensure_moderator
from accounts.preferences import language_for
from core.errors import PermissionDenied, ServiceError
from core.events import event_record
from core.models import Event
from federation.direct_messages import direct_message_send
from moderation import states
from moderation.models import Appeal, Decision, Notice, Strike
from moderation.selectors import appeal_open
from moderation.services import enforcement
from moderation.services.decisions import Conflict, DecisionInput, decision_replace
from moderation.services.notices import reference_new
from moderation.services.notify import (
    notifier_language,
    send_after_commit,
    send_in_their_languages,
    send_to_moderators,
)
from moderation.services.statements import remote_statement_url, utc_stamp
from moderation.services.targets import target_get

MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
ALREADY_OPEN = gettext_lazy("You already have an open appeal against this decision.")


def appeal_submit(
    *,
    decision: Decision,
    explanation: str,
    appellant: User | None = None,
    appeal_token: str = "",
    attachment=None,
) -> Appeal:
    role, email, informed_at = appeal_party(decision, appellant, appeal_token)
    now = timezone.now()
    if decision.state != "in_force":
        raise ServiceError(_("This decision is no longer in force, so there is nothing to appeal."))
    if not appeal_open(decision, informed_at, now):
        raise ServiceError(_("The six-month period to appeal this decision has ended."))
    if len(explanation.strip()) < 10:
        raise ServiceError(_("Please explain why the decision should change."))
    stored = _store_attachment(attachment) if attachment else ""
    with transaction.atomic():
        decision = _lock_for_appeal(decision, role, email)
        try:
            with transaction.atomic():
                appeal = Appeal.objects.create(
                    reference=reference_new("A"),
                    decision=decision,
                    appellant=appellant,
                    appellant_email=email,
                    role=role,
                    explanation=explanation.strip(),
                    attachment=stored,
                    submitted_at=now,
                )
        except IntegrityError as exc:  # the constraint, where no row lock serialised us
            raise ServiceError(str(ALREADY_OPEN)) from exc
        case = decision.case
        if case.state == "decided":
            states.case_move(case, "appealed")
        event_record(
            kind="moderation.appeal_submitted",
            actor=appellant,
            subject=appeal,
            data={
                "appeal_id": appeal.pk,
                "decision_id": decision.pk,
                "role": role,
                **_report_fields(decision),
            },
        )
        # The appellant is on the page now: the receipt in the language they appeal in
        # (a person elsewhere, without an address here, sees it on the statement's page).
        if email:
            send_after_commit(
                to=[email],
                template="appeal_received",
                context={"appeal": appeal},
                language=translation.get_language() or "",
            )
        send_to_moderators(
            template="appeal_to_decide", context={"appeal": appeal}, exclude=decision.moderator
        )
    return appeal


def appeal_decide(
    *,
    appeal: Appeal,
    moderator: User,
    outcome: str,
    reasons: str,
    replacement: DecisionInput | None = None,
) -> Appeal:
    """Reversal restores the exact content, removes the strike and reinstates the account.
    "Modified" undoes the decision the same way and puts `replacement` in its place."""
    ensure_moderator(moderator)
    if outcome not in Appeal.Outcome.values:
        raise ServiceError(_("Choose an outcome: upheld, reversed or modified."))
    if outcome == Appeal.Outcome.MODIFIED and replacement is None:
        raise ServiceError(
            _(
                "Say what the decision becomes: a modified outcome needs the new "
                "measure with its ground and facts."
            )
        )
    if len(reasons.strip()) < 10:
        raise ServiceError(_("Give the reasons for the outcome; both parties will read them."))
    with transaction.atomic():
        appeal = (
            Appeal.objects.select_for_update().select_related("decision__case").get(pk=appeal.pk)
        )
        if appeal.state != "submitted":
            raise Conflict(
                _("Another moderator decided this appeal meanwhile. Reload it to see the outcome.")
            )
        decision = appeal.decision
        _ensure_uninvolved(moderator, appeal)
        if outcome == Appeal.Outcome.REVERSED and decision.action == Decision.Action.NO_ACTION:
            raise ServiceError(
                _(
                    "Reversing a decision to take no action means taking one: choose "
                    "'modified' and give the measure with its ground and facts."
                )
            )
        states.APPEAL.check(appeal.state, "decided")
        if outcome in (Appeal.Outcome.REVERSED, Appeal.Outcome.MODIFIED):
            _undo(decision, "reversed" if outcome == Appeal.Outcome.REVERSED else "superseded")
        appeal.state, appeal.outcome, appeal.reasons = "decided", outcome, reasons.strip()
        appeal.decided_by, appeal.decided_at = moderator, timezone.now()
        appeal.save()
        if outcome == Appeal.Outcome.MODIFIED:
            decision_replace(appeal=appeal, moderator=moderator, data=replacement)
        _close_case_if_done(decision)
        event_record(
            kind="moderation.appeal_decided",
            actor=moderator,
            subject=appeal,
            data={
                "appeal_id": appeal.pk,
                "decision_id": decision.pk,
                "outcome": outcome,
                "role": appeal.role,
                **_report_fields(decision),
                **_timing(appeal),
            },
        )
        _tell_parties(appeal)
    return appeal


def _lock_for_appeal(decision: Decision, role: str, email: str) -> Decision:
    """One decision, at most one open appeal per party. The decision's row lock makes a
    second, simultaneous submission wait for the first and then see it; the unique
    indexes on Appeal hold the rule even for a writer that skips this function."""
    decision = Decision.objects.select_for_update().select_related("case").get(pk=decision.pk)
    if decision.state != "in_force":
        raise ServiceError(_("This decision is no longer in force, so there is nothing to appeal."))
    open_appeals = decision.appeals.filter(state="submitted", role=role)
    if role == Appeal.Role.NOTIFIER:
        open_appeals = open_appeals.filter(appellant_email__iexact=email)
    if open_appeals.exists():
        raise ServiceError(str(ALREADY_OPEN))
    return decision


def _report_fields(decision: Decision) -> dict:
    """Public fields the DSA report groups complaints by (IR 2024/2835 table 7)."""
    return {
        "decision_action": decision.action,
        "trusted_flagger": decision.case.notices.filter(
            notifier_type=Notice.NotifierType.TRUSTED_FLAGGER
        ).exists(),
    }


def _timing(appeal: Appeal) -> dict:
    """When the complaint reached the log, and how long deciding it took."""
    submitted = (
        Event.objects.filter(
            kind="moderation.appeal_submitted",
            subject_type=Appeal._meta.label_lower,
            subject_id=appeal.pk,
        )
        .values_list("created_at", flat=True)
        .first()
        or appeal.submitted_at
    )
    seconds = int((appeal.decided_at - submitted).total_seconds())
    return {"submitted_at": utc_stamp(submitted), "seconds_to_decide": max(0, seconds)}


def appeal_party(decision: Decision, appellant: User | None, token: str):
    """Returns (role, email, when the person was informed) or refuses a non-party: only
    the affected user and the notifiers may appeal, or even see the appeal form."""
    case = decision.case
    statement = getattr(decision, "statement", None)
    if appellant is not None and appellant.pk == case.target_owner_id:
        informed = statement.sent_at if statement else decision.applied_at
        return Appeal.Role.AFFECTED, appellant.email, informed
    if _remote_holder(statement, token):  # the person elsewhere, by their statement's link
        return Appeal.Role.AFFECTED, "", statement.sent_at
    notices = case.notices.all()
    notice = None
    if appellant is not None:
        notice = notices.filter(notifier=appellant).first()
    elif token:
        notice = notices.filter(appeal_token=token).first()
    if notice is None:
        raise PermissionDenied(
            _(
                "Only the person affected by this decision or someone who "
                "reported the item can appeal it."
            )
        )
    return Appeal.Role.NOTIFIER, notice.notifier_email, notice.notifier_informed_at


def _remote_holder(statement, token: str) -> bool:
    return bool(
        token
        and statement is not None
        and statement.access_token
        and secrets.compare_digest(token, statement.access_token)
    )


def _ensure_uninvolved(moderator: User, appeal: Appeal) -> None:
    """DSA Art. 20(4) and (6): an appeal is decided by someone who took no part in the
    decision and has no stake in it: not the moderator who decided or approved it, nor
    the owner of the item, the appellant or anyone who reported the item."""
    decision, case = appeal.decision, appeal.decision.case
    if moderator.pk in (decision.moderator_id, decision.approved_by_id):
        raise PermissionDenied(
            _(
                "An appeal is decided by a moderator who took no part in the decision "
                "(DSA Art. 20(6))."
            )
        )
    reported = case.notices.filter(notifier=moderator).exists()
    if moderator.pk in (case.target_owner_id, appeal.appellant_id) or reported:
        raise PermissionDenied(
            _(
                "You are a party to this case (its owner, the appellant or a notifier): "
                "another moderator decides the appeal."
            )
        )


def _store_attachment(attachment) -> str:
    if attachment.size > MAX_ATTACHMENT_BYTES:
        raise ServiceError(_("An attachment can be at most 5 MB."))
    head = attachment.read(8)
    attachment.seek(0)
    allowed = (b"%PDF", b"\xff\xd8\xff", b"\x89PNG")
    if not head.startswith(allowed):
        raise ServiceError(_("Attach a PDF, JPEG or PNG file."))
    return default_storage.save(f"appeals/{secrets.token_hex(10)}", ContentFile(attachment.read()))


def _undo(decision: Decision, new_state: str) -> None:
    states.DECISION.check(decision.state, new_state)
    target = target_get(decision.case.target_type, decision.case.target_id)
    enforcement.revert(decision, target)
    decision.state = new_state
    decision.save(update_fields=["state"])
    Strike.objects.filter(decision=decision, removed_at__isnull=True).update(
        removed_at=timezone.now()
    )
    event_record(
        kind="moderation.decision_reversed",
        subject=decision,
        data={"decision_id": decision.pk, "action": decision.action, "state": new_state},
    )


def _close_case_if_done(decision: Decision) -> None:
    case = decision.case
    if case.state == "appealed" and not decision.appeals.filter(state="submitted").exists():
        states.case_move(case, "decided")


def _tell_parties(appeal: Appeal) -> None:
    """Both sides, each in their own language: the affected member in their saved one,
    each notifier in the one they reported in (issue 15)."""
    decision = appeal.decision
    affected = decision.case.target_owner
    readers = {
        notice.notifier_email: notifier_language(notice)
        for notice in decision.case.notices.exclude(notifier_email="").select_related("notifier")
    }
    if affected is not None and affected.email:
        readers[affected.email] = language_for(affected)
    if appeal.appellant_email not in readers:
        readers[appeal.appellant_email] = (
            language_for(appeal.appellant) if appeal.appellant_id else ""
        )
    send_in_their_languages(
        to=readers, template="appeal_decided", context={"appeal": appeal, "decision": decision}
    )
    statement = getattr(decision, "statement", None)
    if statement is not None and statement.remote_recipient_id:
        _tell_remote(appeal, statement)


def _tell_remote(appeal: Appeal, statement) -> None:
    """The person elsewhere learns the outcome the way they got the statement: a direct
    message linking to the statement's page, which now shows the outcome and reasons."""
    with translation.override(settings.LANGUAGE_CODE):
        outcome = Appeal.Outcome(appeal.outcome).label
        paragraphs = [
            _("Your appeal %(reference)s has been decided: %(outcome)s.")
            % {"reference": appeal.reference, "outcome": outcome},
            _("The reasons are on the page below."),
        ]
    direct_message_send(
        to=statement.remote_recipient, paragraphs=paragraphs, link=remote_statement_url(statement)
    )

"""Moderation's part of a user's export and erasure (see rights/registry.py).

Export: the statements of reasons they received (with the decisions), the notices they
filed, the notices about their content (without the notifiers' identity: that is the
notifiers' personal data), their appeals, strikes and Art. 23 measures.

Erasure keeps every notice, decision and appeal (they are counted in the transparency
reports, and decisions are protected rows) but blanks the personal data in them: the
notifier's name, e-mail and account link, the appellant's e-mail, account link, text
and attachment, the address on Art. 23 measures, and the `private` part of their
events. Chained events' `data` holds no personal data and is never touched.

Legal holds: content about which a case or appeal is still open (the decider needs it),
and removed content within its retention (NetzDG §3(2) no. 4), which moderation's own
upkeep purges when the retention ends. Evidence snapshots are moderation's records:
they are purged by `moderation_upkeep` at `keep_until`; until then the erasure stays
"held".
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from core.events import events_scrub_private
from moderation.models import Appeal, Case, Decision, Evidence, MisuseMeasure, Notice, Strike
from moderation.selectors import (
    QUEUE_STATES,
    appeal_words_for,
    appeals_by,
    notices_filed_by,
    statements_for,
)

SECTION = "moderation"
README = """\
### moderation/

- `statements.json`: every decision about your content or account that was sent to you,
  with its statement of reasons (DSA Art. 17) and any appeals against it.
- `notices_filed.json`: the notices (reports) you filed and their outcome.
- `notices_about_you.json`: notices about your content, without who filed them.
- `appeals.json`: the appeals you made.
- `strikes.json`, `measures.json`: strikes and misuse measures (DSA Art. 23) on your account.
"""
CHUNK = 500


@dataclass
class Holds:
    """Items of the user's that must be kept for now, by target type ("photo", "comment",
    "album"), and how many evidence snapshots about them are still kept."""

    targets: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    evidence: int = 0

    def keeps(self, target_type: str, pk: int) -> bool:
        return pk in self.targets.get(target_type, ())

    @property
    def count(self) -> int:
        return sum(len(ids) for ids in self.targets.values()) + self.evidence


def legal_holds(user, *, now=None) -> Holds:
    now = now or timezone.now()
    holds = Holds()
    open_cases = Case.objects.filter(target_owner=user, state__in=QUEUE_STATES)
    open_appeals = Case.objects.filter(target_owner=user, decisions__appeals__state="submitted")
    removed = Case.objects.filter(
        target_owner=user,
        decisions__action=Decision.Action.REMOVE,
        decisions__state="in_force",
        decisions__evidence__purged_at__isnull=True,
        decisions__evidence__keep_until__gt=now,
    )
    for query in (open_cases, open_appeals, removed):
        for target_type, target_id in query.values_list("target_type", "target_id"):
            holds.targets[target_type].add(target_id)
    holds.evidence = Evidence.objects.filter(
        decision__case__target_owner=user, purged_at__isnull=True
    ).count()
    return holds


def export(user, writer) -> None:
    with writer.json_array("moderation/statements.json") as out:
        for decision in statements_for(user).iterator(chunk_size=CHUNK):
            out.append(_decision(decision, user))
    with writer.json_array("moderation/notices_filed.json") as out:
        for notice in notices_filed_by(user).iterator(chunk_size=CHUNK):
            # The language we write to you in about it; never shown to the person reported.
            mine = {"your_explanation": notice.explanation, "your_language": notice.language}
            out.append({**_notice(notice), **mine})
    about = Notice.objects.filter(case__target_owner=user).order_by("received_at", "id")
    with writer.json_array("moderation/notices_about_you.json") as out:
        for notice in about.iterator(chunk_size=CHUNK):
            out.append(_notice(notice))
    with writer.json_array("moderation/appeals.json") as out:
        for appeal in appeals_by(user).iterator(chunk_size=CHUNK):
            out.append(_appeal(appeal, user))
    writer.write_json(
        "moderation/strikes.json",
        list(Strike.objects.filter(user=user).values("decision_id", "created_at", "expires_at")),
    )
    writer.write_json(
        "moderation/measures.json",
        list(_measures_about(user).values("kind", "level", "statement", "starts_at", "ends_at")),
    )


def _measures_about(user):
    """Art. 23 measures on the account, and those from notices filed signed out that name
    its e-mail address (notifiers without an account are matched by address)."""
    about = Q(user=user)
    if user.email:
        about |= Q(user__isnull=True, email__iexact=user.email)
    return MisuseMeasure.objects.filter(about)


def _decision(decision: Decision, user) -> dict:
    statement = decision.statement
    return {
        "decision_id": decision.pk,
        "case_id": decision.case_id,
        "target": {"type": decision.case.target_type, "id": decision.case.target_id},
        "action": decision.action,
        "state": decision.state,
        "ground": decision.ground,
        "category": decision.category,
        "legal_ground": decision.legal_ground,
        "legal_explanation": decision.legal_explanation,
        "rule": decision.rule.code if decision.rule else None,
        "rule_explanation": decision.rule_explanation,
        "facts": decision.facts,
        "automated_detection": decision.automated_detection,
        "automated_decision": decision.automated_decision,
        "territorial_scope": decision.territorial_scope,
        "created_at": decision.created_at,
        "ends_at": decision.ends_at,
        "statement": {"puid": statement.puid, "sent_at": statement.sent_at, **statement.fields},
        "appeals": [_appeal(a, user) for a in decision.appeals.all()],
    }


def _notice(notice: Notice) -> dict:
    return {
        "reference": notice.reference,
        "case_id": notice.case_id,
        "channel": notice.channel,
        "target": {"type": notice.target_type, "id": notice.target_id},
        "ground": notice.ground,
        "category": notice.category,
        "country": notice.country,
        "law": notice.law,
        "received_at": notice.received_at,
        "outcome": notice.outcome,
        "decided_at": notice.decided_at,
    }


def _appeal(appeal: Appeal, user) -> dict:
    """Another party's appeal against the same decision comes without their words."""
    return {
        "reference": appeal.reference,
        "decision_id": appeal.decision_id,
        "role": appeal.role,
        "explanation": appeal_words_for(appeal, user.pk),
        "state": appeal.state,
        "outcome": appeal.outcome,
        "reasons": appeal.reasons,
        "submitted_at": appeal.submitted_at,
        "decided_at": appeal.decided_at,
    }


def erase(user, *, holds: Holds) -> dict[str, int]:
    notice_ids = list(Notice.objects.filter(notifier=user).values_list("pk", flat=True))
    Notice.objects.filter(pk__in=notice_ids).update(
        notifier=None, notifier_name="", notifier_email="", appeal_token=""
    )
    appeals = Appeal.objects.filter(appellant=user)
    decided = appeals.exclude(state="submitted")
    files = [p for p in decided.values_list("attachment", flat=True) if p]
    appeal_ids = list(decided.values_list("pk", flat=True))
    decided.update(appellant=None, appellant_email="", explanation="", attachment="")
    events_scrub_private("moderation.notice", notice_ids)
    events_scrub_private("moderation.appeal", appeal_ids)
    measures = _measures_about(user).exclude(email="").update(email="")
    transaction.on_commit(lambda: [default_storage.delete(p) for p in files])
    return {
        "notices_anonymised": len(notice_ids),
        "appeals_anonymised": len(appeal_ids),
        "appeals_held": appeals.count(),
        "measures_anonymised": measures,
    }


STORAGE_PREFIXES = ("evidence/", "appeals/")


def stored_files():
    yield from Evidence.objects.exclude(image="").values_list("image", flat=True).iterator()
    yield from Appeal.objects.exclude(attachment="").values_list("attachment", flat=True).iterator()

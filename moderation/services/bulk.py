"""One reasoned decision applied to several cases at once: the same photo uploaded again
(same SHA-256 or a PDQ match) or the same wave of notices. Each case still gets its own
decision, its own statement of reasons to its own affected person (DSA Art. 17), its own
log entries and its own line in the transparency counts: this only saves typing."""

from dataclasses import replace

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from core.errors import ServiceError
from moderation.models import Case, Decision
from moderation.services.decisions import DecisionInput, decision_issue


def decisions_issue_bulk(
    *, cases: list[tuple[Case, int]], moderator: User, data: DecisionInput
) -> list[Decision]:
    """Decide every (case, version seen) with `data`, all or none: if one case changed
    meanwhile or cannot take the measure, nothing is decided. Notices marked unfounded
    belong to the first case only (they were chosen on its page)."""
    if not cases:
        raise ServiceError(_("Choose at least one case."))
    decisions = []
    with transaction.atomic():
        for position, (case, version) in enumerate(cases):
            own = data if position == 0 else _without_unfounded(data)
            try:
                decision = decision_issue(
                    case=case, moderator=moderator, data=own, expected_version=version
                )
            except ServiceError as error:
                message = _("Case %(id)s: %(message)s") % {"id": case.pk, "message": error.message}
                raise type(error)(message) from None
            decisions.append(decision)
    return decisions


def _without_unfounded(data: DecisionInput) -> DecisionInput:
    return replace(data, unfounded_notice_ids=[])

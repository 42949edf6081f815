"""Claims: a moderator marks a case as theirs while they work on it, so two moderators do
not read the same case at once. A claim is a courtesy, not a lock: it runs out after
CLAIM_MINUTES (a moderator who walks away does not block the case), it can be released,
and deciding a case releases it. Another moderator may still decide a claimed case (the
case version check stops two decisions); the queue and "next case" skip it."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.permissions import ensure_moderator
from core.errors import ServiceError
from core.events import event_record
from moderation.models import Case

CLAIM_MINUTES = 30


def claim_active(case: Case, now=None) -> bool:
    """A claim counts on an open case until it runs out."""
    now = now or timezone.now()
    return (
        case.state == "open"
        and case.claimed_by_id is not None
        and case.claimed_until is not None
        and case.claimed_until > now
    )


def case_claim(*, case: Case, moderator: User) -> Case:
    """Claim an open case for CLAIM_MINUTES (again: extends one's own claim). Refused
    while another moderator's claim runs."""
    ensure_moderator(moderator)
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        if case.state != "open":
            raise ServiceError(_("Only a case waiting for a decision can be claimed."))
        if claim_active(case) and case.claimed_by_id != moderator.pk:
            raise ServiceError(
                _("%(name)s is working on this case.") % {"name": case.claimed_by.username}
            )
        case.claimed_by = moderator
        case.claimed_until = timezone.now() + timedelta(minutes=CLAIM_MINUTES)
        case.save(update_fields=["claimed_by", "claimed_until"])
        event_record(
            kind="casework.case_claimed",
            actor=moderator,
            subject=case,
            data={"case_id": case.pk, "until": case.claimed_until.isoformat()},
        )
    return case


def case_release(*, case: Case, moderator: User) -> Case:
    """Give a claim back. Only the claiming moderator releases it early."""
    ensure_moderator(moderator)
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        if case.claimed_by_id != moderator.pk:
            raise ServiceError(_("You have not claimed this case."))
        _clear(case)
        event_record(
            kind="casework.case_released", actor=moderator, subject=case, data={"case_id": case.pk}
        )
    return case


def _clear(case: Case) -> None:
    case.claimed_by, case.claimed_until = None, None
    case.save(update_fields=["claimed_by", "claimed_until"])

"""Cases a moderator opens without any notice: the platform's own-initiative moderation
(DSA Art. 15(1)(c); statements of reasons then say SOURCE_VOLUNTARY). The case is decided
like any other, and the DSA report counts its decisions as own-initiative measures."""

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from accounts.permissions import ensure_moderator
from core.errors import ServiceError
from core.events import event_record
from moderation.models import Case
from moderation.services.notices import rules_deadline
from moderation.services.targets import Target

OPEN_STATES = ("open", "awaiting_approval")
ALREADY_OPEN = gettext_lazy("This item already has an open case: review it there.")


def case_open_own_initiative(
    *, moderator: User, target: Target, now: datetime | None = None
) -> Case:
    ensure_moderator(moderator)
    if target.owner_id == moderator.pk:
        raise ServiceError(_("You cannot open a case about your own content."))
    now = now or timezone.now()
    due = rules_deadline(now)
    with transaction.atomic():
        if Case.objects.filter(
            target_type=target.type, target_id=target.id, state__in=OPEN_STATES
        ).exists():
            raise ServiceError(str(ALREADY_OPEN))
        try:
            with transaction.atomic():
                case = Case.objects.create(
                    target_type=target.type,
                    target_id=target.id,
                    target_owner=target.member,
                    own_initiative=True,
                    deadline_at=due,
                    opened_at=now,
                )
        except IntegrityError as exc:
            raise ServiceError(str(ALREADY_OPEN)) from exc
        event_record(
            kind="moderation.case_opened",
            actor=moderator,
            subject=case,
            data={"case_id": case.pk, "target_type": case.target_type, "own_initiative": True},
        )
    return case

"""DSA Art. 18: recording that the authorities were notified of a suspected criminal
offence threatening someone's life or safety. Art. 18 asks for this "promptly", so it is
open on every case, whatever its state, and does not wait for the decision."""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.permissions import ensure_moderator
from core.errors import ServiceError
from core.events import event_record
from legal.countries import EU_MEMBER_STATES, EUROPOL
from legal.models import AuthorityNotification
from moderation.models import Case

EVENT = "moderation.authorities_notified"


@dataclass(frozen=True)
class NotificationInput:
    authority: str
    member_state: str  # a member state, or "EU" for Europol (Art. 18(2))
    sent: str
    sent_at: datetime
    reference: str = ""


def authorities_notify(
    *, case: Case, moderator: User, data: NotificationInput, now: datetime | None = None
) -> AuthorityNotification:
    """Records the notification and logs it in the hash-chained moderation log; the public
    part names only the case and the member state, the authority and what was sent stay
    private. The DSA report counts these events."""
    ensure_moderator(moderator)
    now = now or timezone.now()
    _validate(data, now)
    with transaction.atomic():
        notification = AuthorityNotification.objects.create(
            case=case,
            moderator=moderator,
            authority=data.authority.strip(),
            member_state=data.member_state,
            reference=data.reference.strip(),
            sent=data.sent.strip(),
            sent_at=data.sent_at,
            recorded_at=now,
        )
        event_record(
            kind=EVENT,
            actor=moderator,
            subject=case,
            data={
                "case_id": case.pk,
                "member_state": data.member_state,
                "sent_at": data.sent_at.isoformat(),
            },
            private={
                "notification_id": notification.pk,
                "authority": notification.authority,
                "reference": notification.reference,
                "sent": notification.sent,
            },
        )
    return notification


def _validate(data: NotificationInput, now: datetime) -> None:
    if not data.authority.strip():
        raise ServiceError(_("Name the authority you informed."))
    if data.member_state not in EU_MEMBER_STATES | {EUROPOL}:
        raise ServiceError(_("Choose the member state of the authority, or Europol."))
    if not data.sent.strip():
        raise ServiceError(_("Say what you sent to the authority."))
    if data.sent_at > now:
        raise ServiceError(_("The time it was sent cannot be in the future."))

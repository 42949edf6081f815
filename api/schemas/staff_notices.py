"""Notices entered by moderators: reports received by post, phone or email, and orders
from authorities (DSA Art. 9). They count in every report like any other notice."""

from datetime import datetime
from typing import Literal

from ninja import Field, Schema

from api.schemas.notices import NoticeFields
from api.schemas.text import InputSchema
from moderation.models import Notice
from moderation.models.targets import TargetType

TargetTypeValue = Literal[tuple(TargetType.values)]


class StaffNoticeIn(NoticeFields):
    channel: Literal["moderator", "authority"] = Field(
        description="`moderator`: a report received outside the form; `authority`: an order "
        "from a Member State authority (its notifier type is always `authority`)."
    )
    notifier_type: Literal["user", "trusted_flagger", "complaint_body", "authority"] = Field(
        "user", description="Who sent it: user, trusted_flagger, complaint_body or authority."
    )
    good_faith: bool = Field(
        True, description="Illegal content: the notifier's statement of good faith was given."
    )


class StaffNoticeOut(Schema):
    id: int
    reference: str
    case_id: int
    channel: str
    notifier_type: str
    ground: str
    received_at: datetime
    deadline_at: datetime


class OwnInitiativeIn(InputSchema):
    target_type: TargetTypeValue
    target_id: int


class OwnInitiativeOut(Schema):
    case_id: int
    own_initiative: bool
    deadline_at: datetime


def present_staff_notice(notice: Notice) -> dict:
    return {
        "id": notice.pk,
        "reference": notice.reference,
        "case_id": notice.case_id,
        "channel": notice.channel,
        "notifier_type": notice.notifier_type,
        "ground": notice.ground,
        "received_at": notice.received_at,
        "deadline_at": notice.deadline_at,
    }

"""The moderators' queue filters and case claims (issue 17, "moderators at speed"). The
filter parameters are the web queue's (moderation.queue_selectors.QueueFilter), but a value
the API does not know is refused with 422 instead of being dropped, so a mistyped filter
does not silently show the whole queue."""

from datetime import datetime
from typing import Literal

from django.utils.translation import gettext as _
from ninja import Field, Schema

from api.schemas.common import UserRef, user_ref
from api.schemas.moderation import MeasureIn
from api.schemas.text import InputSchema, ParamsSchema, PlainText
from core.errors import ServiceError
from moderation.models import Case, Notice
from moderation.models.targets import Ground
from moderation.queue_selectors import CLAIMS, DEADLINE_STATES, STATUSES, QueueFilter

GroundValue = Literal[tuple(Ground.values)]
ChannelValue = Literal[tuple(Notice.Channel.values)]
DeadlineValue = Literal[DEADLINE_STATES]
StatusValue = Literal[STATUSES]
ClaimValue = Literal[CLAIMS]


class QueueFilterParams(ParamsSchema):
    ground: GroundValue | None = Field(None, description="Cases with a notice on this ground.")
    law: PlainText | None = Field(
        None, max_length=100, description="Cases with a notice citing a law containing this."
    )
    channel: ChannelValue | None = Field(None, description="Cases with a notice by this channel.")
    deadline: DeadlineValue | None = Field(
        None,
        description="Cases waiting for a decision whose deadline has passed (`overdue`), "
        "comes within the escalation lead (`soon`) or later (`on_time`).",
    )
    country: PlainText | None = Field(
        None,
        min_length=2,
        max_length=2,
        description="Cases with a notice from this country (ISO 3166-1 alpha-2 code).",
    )
    trusted: bool = Field(False, description="Only cases with a trusted flagger's notice.")
    appealed: bool = Field(False, description="Only appealed cases.")
    status: StatusValue | None = Field(None, description="Only cases in this state.")
    claim: ClaimValue | None = Field(
        None, description="`mine`: claimed by you; `unclaimed`: claimed by nobody now."
    )
    q: PlainText | None = Field(
        None,
        max_length=100,
        description="Search the notices' explanations, the photo's title and the owner's username.",
    )

    def to_filter(self) -> QueueFilter:
        """The web queue's filter; a country that is not two letters answers 400 (the
        document can only say "two characters")."""
        if self.country is not None and not (self.country.isascii() and self.country.isalpha()):
            raise ServiceError(_("Give a two-letter country code such as DE."))
        return QueueFilter(
            ground=self.ground or "",
            law=(self.law or "").strip(),
            channel=self.channel or "",
            deadline=self.deadline or "",
            country=(self.country or "").upper(),
            trusted=self.trusted,
            appealed=self.appealed,
            status=self.status or "",
            claim=self.claim or "",
            q=(self.q or "").strip(),
        )


class ClaimOut(Schema):
    case_id: int
    claimed_by: UserRef | None = Field(description="Who works on the case; null when nobody.")
    claimed_until: datetime | None = Field(description="When the claim runs out.")


def present_claim(case: Case) -> dict:
    claimer = case.claimed_by if case.claimed_by_id else None
    return {
        "case_id": case.pk,
        "claimed_by": user_ref(claimer) if claimer else None,
        "claimed_until": case.claimed_until if claimer else None,
    }


class CaseVersionIn(InputSchema):
    case_id: int
    version: int = Field(description="The case `version` you reviewed.")


class BulkDecisionIn(MeasureIn):
    cases: list[CaseVersionIn] = Field(
        min_length=1,
        max_length=50,
        description="The cases to decide alike, each with the version you reviewed.",
    )
    unfounded_notice_ids: list[int] = Field(
        default_factory=list, description="Notices of the first case found unfounded."
    )

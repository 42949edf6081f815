"""Follow requests as the API shows them."""

from datetime import datetime

from django.http import HttpRequest
from ninja import Field, Schema

from api.schemas.common import UserSummary, user_summary


class FollowRequestOut(Schema):
    user: UserSummary = Field(description="Who asked to follow you.")
    requested_at: datetime


def present_follow_request(request: HttpRequest, follow_request) -> dict:
    return {
        "user": user_summary(request, follow_request.follower),
        "requested_at": follow_request.created_at,
    }

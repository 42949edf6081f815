"""A member's notifications."""

from datetime import datetime

from django.http import HttpRequest
from ninja import Field, Schema

from api.schemas.common import UserRef, absolute, user_ref
from api.schemas.text import InputSchema
from notifications.kinds import Kind
from notifications.models import Notification
from notifications.texts import path_of, sentence


class NotificationOut(Schema):
    id: int
    kind: str = Field(description=f"One of: {', '.join(Kind.values)}.")
    text: str = Field(description="What happened, in the caller's language; plain text.")
    url: str = Field(description="The page it is about.")
    actor: UserRef | None = Field(description="Who did it; null for moderation messages.")
    photo_id: int | None
    comment_id: int | None
    created_at: datetime
    read: bool


class ReadIn(InputSchema):
    up_to: int | None = Field(
        None,
        ge=1,
        description="Mark read the notifications with this id and older; all if left out.",
    )


class ReadOut(Schema):
    marked: int = Field(description="How many unread notifications were marked read.")


def present_notification(request: HttpRequest, n: Notification) -> dict:
    return {
        "id": n.pk,
        "kind": n.kind,
        "text": sentence(n),
        "url": absolute(request, path_of(n)),
        "actor": user_ref(n.actor) if n.actor_id else None,
        "photo_id": n.photo_id,
        "comment_id": n.comment_id,
        "created_at": n.created_at,
        "read": n.read_at is not None,
    }

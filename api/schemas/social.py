"""Comments, favourites and follow answers."""

from datetime import datetime

from django.http import HttpRequest
from ninja import Field, Schema

from api.schemas.common import UserSummary, user_summary
from api.schemas.text import InputSchema
from social.models import COMMENT_MAX_LENGTH, Comment


class CommentOut(Schema):
    id: int
    photo_id: int
    author: UserSummary
    body: str = Field(description="Plain text as written; escape it when showing it as HTML.")
    created_at: datetime


class CommentIn(InputSchema):
    body: str = Field(min_length=1, max_length=COMMENT_MAX_LENGTH)


class FavouriteOut(Schema):
    photo_id: int
    favourited: bool
    favourite_count: int


def present_comment(request: HttpRequest, comment: Comment) -> dict:
    return {
        "id": comment.pk,
        "photo_id": comment.photo_id,
        "author": user_summary(request, comment.author),
        "body": comment.body,
        "created_at": comment.created_at,
    }

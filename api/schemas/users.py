"""Public profiles. The e-mail address appears only in the caller's own profile."""

from django.http import HttpRequest
from ninja import Field, Schema

from api.schemas.common import UserSummary, user_summary


class Counts(Schema):
    photos: int = Field(description="Photos of this user the caller may see.")
    followers: int
    following: int


class ProfileOut(UserSummary):
    bio: str
    counts: Counts
    followed_by_you: bool = Field(description="Whether the caller follows this user.")
    requested_by_you: bool = Field(
        False, description="Whether the caller's request to follow this user is pending."
    )
    blocked_by_you: bool = Field(False, description="Whether the caller blocked this user.")
    muted_by_you: bool = Field(False, description="Whether the caller muted this user.")
    email: str | None = Field(description="Only in the caller's own profile.")


def present_profile(
    request: HttpRequest, user, *, counts: dict, followed: bool, relation=None
) -> dict:
    viewer = request.auth.user
    # An app granted only `read:public` (thirdparty.scopes) does not see its user's e-mail.
    is_self = viewer.pk == user.pk and getattr(viewer, "app_limit", "") != "public"
    return {
        **user_summary(request, user),
        "bio": user.bio,
        "counts": counts,
        "followed_by_you": followed,
        "requested_by_you": bool(relation and relation.requested),
        "blocked_by_you": bool(relation and relation.blocking),
        "muted_by_you": bool(relation and relation.muting),
        "email": user.email if is_self else None,
    }

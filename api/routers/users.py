"""Profiles: anyone's public profile, and the caller's own."""

from django.http import HttpRequest
from ninja import Router

from api.auth import PUBLIC_OPENAPI, PUBLIC_READ, USER_READ, user_of
from api.lookups import user_named
from api.schemas.common import ERRORS
from api.schemas.text import PlainText
from api.schemas.users import ProfileOut, present_profile
from photos.selectors import photos_by
from social.audience_selectors import relation
from social.selectors import follow_counts

router = Router(tags=["users"])


def profile_of(request: HttpRequest, user) -> dict:
    viewer = user_of(request)
    counts = {**follow_counts(user), "photos": photos_by(user, viewer).count()}
    bits = relation(viewer, user)
    return present_profile(request, user, counts=counts, followed=bits.follows, relation=bits)


@router.get(
    "/users/{username}",
    response={200: ProfileOut, **ERRORS},
    auth=PUBLIC_READ,
    openapi_extra=PUBLIC_OPENAPI,
)
def user_detail(request: HttpRequest, username: PlainText):
    """A public profile. The e-mail address is shown only when it is your own."""
    return profile_of(request, user_named(username))


@router.get("/me", response={200: ProfileOut, **ERRORS}, auth=USER_READ)
def me(request: HttpRequest):
    """The caller's own profile, with e-mail address. Scope `read`."""
    return profile_of(request, user_of(request))

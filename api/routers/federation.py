"""Accounts on other servers (federation): find, follow and stop following them. Their
address is `name@server`, so `POST /users/bob@pixelfed.example/follow` follows Bob there
the way `POST /users/bob/follow` follows Bob here."""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from api.auth import USER_READ, USER_WRITE, user_of
from api.schemas.common import ERRORS
from api.schemas.text import PlainText
from core.errors import ServiceError
from federation.fetch import FetchRefused
from federation.following import remote_follow, remote_unfollow
from federation.lookup import remote_actor_find
from federation.models import OutgoingFollow, RemoteActor
from federation.selectors import federation_enabled

router = Router(tags=["federation"])


class RemoteAccountOut(Schema):
    address: str = Field(description="@name@server")
    uri: str
    name: str
    kind: str
    following: str | None = Field(description="`pending`, `accepted`, or null.")


def _find(address: str) -> RemoteActor:
    if not federation_enabled():
        raise ServiceError(_("This Candid does not take part in federation."))
    try:
        return remote_actor_find(address)
    except FetchRefused as error:
        raise ServiceError(
            _("No account found at %(address)s: %(reason)s") % {"address": address, "reason": error}
        ) from None


def _present(actor: RemoteActor, viewer) -> dict:
    follow = OutgoingFollow.objects.filter(follower=viewer, followee=actor).first()
    return {
        "address": f"@{actor.username}@{actor.domain}",
        "uri": actor.uri,
        "name": actor.display_name or actor.username,
        "kind": actor.kind,
        "following": follow.state if follow else None,
    }


@router.get("/remote-accounts", response={200: RemoteAccountOut, **ERRORS}, auth=USER_READ)
def remote_account(request: HttpRequest, q: PlainText):
    """Find an account on another server by `@name@server` or profile URL. Scope `read`."""
    return _present(_find(q), user_of(request))


@router.post(
    "/users/{name}@{server}/follow", response={200: RemoteAccountOut, **ERRORS}, auth=USER_WRITE
)
def follow_remote(request: HttpRequest, name: PlainText, server: PlainText):
    """Follow an account on another server; `following` is `pending` until it accepts."""
    actor = _find(f"{name}@{server}")
    remote_follow(follower=user_of(request), followee=actor)
    return _present(actor, user_of(request))


@router.delete("/users/{name}@{server}/follow", response={204: None, **ERRORS}, auth=USER_WRITE)
def unfollow_remote(request: HttpRequest, name: PlainText, server: PlainText):
    """Stop following an account on another server. Scope `write`."""
    actor = RemoteActor.objects.filter(username=name, domain=server.split(":")[0]).first()
    if actor is not None:
        remote_unfollow(follower=user_of(request), followee=actor)
    return 204, None

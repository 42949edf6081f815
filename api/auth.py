"""Who is calling the API, and what they may do.

Every operation declares the scope it needs (`read` or `write`) and whether anonymous
callers are welcome, through `auth_for`. Each credential kind is one `ScopedBearer`
subclass that turns a bearer secret into a `Caller` with the scopes granted to it; the
scope check is the same for all of them. Personal access tokens are the first kind. An
OAuth 2 issue adds its own subclass (resolving django-oauth-toolkit access tokens to
the same scope names) to `BEARER_KINDS`, and every operation accepts it unchanged.

A bearer secret that no kind recognises is refused with 401 even on public endpoints,
so a client with a revoked token learns so instead of silently seeing less.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.errors import AuthorizationError
from ninja.security import HttpBearer

from accounts.models import ApiToken, User
from accounts.selectors import token_authenticate
from accounts.services import token_mark_used

READ = ApiToken.Scope.READ.value
WRITE = ApiToken.Scope.WRITE.value


@dataclass(frozen=True)
class Caller:
    """The authenticated party: `user` is AnonymousUser for anonymous callers."""

    user: User | AnonymousUser
    scopes: frozenset[str]
    via: str

    @property
    def is_anonymous(self) -> bool:
        return not self.user.is_authenticated


class ScopedBearer(HttpBearer):
    """Base for bearer credentials. Subclasses implement `resolve`."""

    def __init__(self, scope: str) -> None:
        super().__init__()
        self.scope = scope

    def resolve(self, request: HttpRequest, secret: str) -> Caller | None:
        raise NotImplementedError

    def authenticate(self, request: HttpRequest, token: str) -> Caller | None:
        caller = self.resolve(request, token.strip())
        if caller is None:
            return None
        if self.scope not in caller.scopes:
            raise AuthorizationError(
                message=f"This token does not have the “{self.scope}” scope this request "
                f"needs. Create a token with the “{self.scope}” scope."
            )
        return caller


class PersonalToken(ScopedBearer):
    """Personal access tokens created on the settings page or by `issue_token`."""

    def resolve(self, request: HttpRequest, secret: str) -> Caller | None:
        token = token_authenticate(secret) if secret else None
        if token is None:
            return None
        token_mark_used(token=token)
        return Caller(user=token.user, scopes=frozenset(token.scopes), via="token")


class Anonymous:
    """Admits a caller who sends no credentials at all, for public reads."""

    def __call__(self, request: HttpRequest) -> Caller | None:
        if request.headers.get("Authorization"):
            return None
        return Caller(user=AnonymousUser(), scopes=frozenset(), via="anonymous")


BEARER_KINDS: list[type[ScopedBearer]] = [PersonalToken]


def auth_for(scope: str, *, anonymous: bool = False) -> list:
    """The auth list of one operation: any bearer kind holding `scope`, and, when
    `anonymous` is true, a caller with no credentials at all."""
    kinds: list = [kind(scope) for kind in BEARER_KINDS]
    return [*kinds, Anonymous()] if anonymous else kinds


PUBLIC_READ = auth_for(READ, anonymous=True)
USER_READ = auth_for(READ)
USER_WRITE = auth_for(WRITE)

# OpenAPI for PUBLIC_READ operations: any bearer kind, or no credentials at all ({}).
PUBLIC_OPENAPI = {"security": [*({kind.__name__: []} for kind in BEARER_KINDS), {}]}


def caller_of(request: HttpRequest) -> Caller:
    return request.auth  # type: ignore[attr-defined]


def user_of(request: HttpRequest):
    """The calling user (AnonymousUser on public reads): what services and selectors take."""
    return caller_of(request).user

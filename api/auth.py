"""Who is calling the API, and what they may do.

Every operation declares the scope it needs (`read` or `write`) and whether anonymous
callers are welcome, through `auth_for`. Each credential kind is one `ScopedBearer`
subclass that turns a bearer secret into a `Caller` with the scopes granted to it; the
scope check is the same for all of them. Personal access tokens are the first kind;
access tokens of third-party OAuth 2 apps (`OAuthToken`, thirdparty/) the second, their
OAuth scopes mapped onto `read` and `write` by thirdparty.scopes.

A bearer secret that no kind recognises is refused with 401 even on public endpoints,
so a client with a revoked token learns so instead of silently seeing less.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext
from ninja.errors import AuthorizationError
from ninja.security import HttpBearer

from accounts.models import ApiToken, User
from accounts.preferences import is_supported_language
from accounts.second_factor import token_marks_user
from accounts.selectors import token_authenticate
from accounts.services import token_mark_used
from thirdparty.middleware import REQUEST_ATTR as ACCESS_LOG_ATTR
from thirdparty.scopes import required_scopes, viewer_limit
from thirdparty.selectors import app_viewer, oauth_access

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

    def __init__(self, scope: str, *, public: bool = False) -> None:
        super().__init__()
        self.scope = scope
        self.public = public  # the operation also admits anonymous callers

    def resolve(self, request: HttpRequest, secret: str) -> Caller | None:
        raise NotImplementedError

    def authenticate(self, request: HttpRequest, token: str) -> Caller | None:
        caller = self.resolve(request, token.strip())
        if caller is None:
            return None
        speak_members_language(request, caller.user)
        if self.scope not in caller.scopes:
            raise AuthorizationError(
                message=gettext(
                    "This token does not have the “%(scope)s” scope this request needs. "
                    "Create a token with the “%(scope)s” scope."
                )
                % {"scope": self.scope}
            )
        return caller


def speak_members_language(request: HttpRequest, user) -> None:
    """A token's member is answered in their saved language, as on pages
    (web.middleware_language runs for session users only, before ninja authenticates a
    bearer token); without one, LocaleMiddleware's choice from Accept-Language stands."""
    saved = getattr(user, "language", "")
    if is_supported_language(saved):
        translation.activate(saved)
        request.LANGUAGE_CODE = saved


class PersonalToken(ScopedBearer):
    """Personal access tokens created on the settings page or by `issue_token`. With
    `owner_only`, the operation is the account owner's alone: a third-party app's token is
    refused with 403 and the reason (see `refuse_app`)."""

    def __init__(self, scope: str, *, public: bool = False, owner_only: bool = False) -> None:
        super().__init__(scope, public=public)
        self.owner_only = owner_only

    def resolve(self, request: HttpRequest, secret: str) -> Caller | None:
        token = token_authenticate(secret) if secret else None
        if token is None:
            if self.owner_only:
                refuse_app(request, secret)
            return None
        token_mark_used(token=token)
        user = token_marks_user(token)  # staff powers need a token made after the code
        return Caller(user=user, scopes=frozenset(token.scopes), via="token")


def refuse_app(request: HttpRequest, secret: str) -> None:
    """A valid OAuth token on an owner-only operation is recognised and refused with 403
    and the reason, not passed off as an unknown secret (401): the app learns that asking
    again cannot help. The attempt is written to the user's access log, like every other
    refused app request."""
    access = oauth_access(secret) if secret else None
    if access is None:
        return
    setattr(request, ACCESS_LOG_ATTR, access)
    speak_members_language(request, access.user)
    raise AuthorizationError(
        message=gettext(
            "A third-party app cannot do this: exporting or deleting an account and "
            "changing its consent settings are for the account owner only, on the website "
            "or with a personal access token."
        )
    )


class Anonymous:
    """Admits a caller who sends no credentials at all, for public reads."""

    def __call__(self, request: HttpRequest) -> Caller | None:
        if request.headers.get("Authorization"):
            return None
        return Caller(user=AnonymousUser(), scopes=frozenset(), via="anonymous")


class OAuthToken(ScopedBearer):
    """Access tokens that third-party apps obtained through OAuth 2 (thirdparty/).

    The app acts as an `AppViewer` of its user, which every visibility selector limits to
    public content plus the user's own (read:public: public only), and which never has
    moderator powers. Its OAuth scopes map onto `read`/`write` in thirdparty.scopes. The
    request is marked so that thirdparty's middleware writes the user's access log.
    """

    def resolve(self, request: HttpRequest, secret: str) -> Caller | None:
        access = oauth_access(secret)
        if access is None:
            return None
        setattr(request, ACCESS_LOG_ATTR, access)
        speak_members_language(request, access.user)
        needed = required_scopes(self.scope, public=self.public)
        if not needed & access.scopes:
            names = gettext(" or ").join(f"“{name}”" for name in sorted(needed))
            raise AuthorizationError(
                message=gettext(
                    "The app was not granted the scope %(names)s this request needs. "
                    "It can ask you to authorise it again with that scope."
                )
                % {"names": names}
            )
        viewer = app_viewer(access.user, limit=viewer_limit(access.scopes, self.scope))
        return Caller(user=viewer, scopes=frozenset({self.scope}), via="oauth")


BEARER_KINDS: list[type[ScopedBearer]] = [PersonalToken, OAuthToken]


def auth_for(scope: str, *, anonymous: bool = False) -> list:
    """The auth list of one operation: any bearer kind holding `scope`, and, when
    `anonymous` is true, a caller with no credentials at all."""
    kinds: list = [kind(scope, public=anonymous) for kind in BEARER_KINDS]
    return [*kinds, Anonymous()] if anonymous else kinds


PUBLIC_READ = auth_for(READ, anonymous=True)
USER_READ = auth_for(READ)
USER_WRITE = auth_for(WRITE)
# The account's own data rights (export of everything, erasure) are never delegated to
# third-party apps: only the member's personal tokens (and the web session) reach them.
OWNER_READ = [PersonalToken(READ, owner_only=True)]
OWNER_WRITE = [PersonalToken(WRITE, owner_only=True)]

# OpenAPI for PUBLIC_READ operations: any bearer kind, or no credentials at all ({}).
PUBLIC_OPENAPI = {"security": [*({kind.__name__: []} for kind in BEARER_KINDS), {}]}


def caller_of(request: HttpRequest) -> Caller:
    return request.auth  # type: ignore[attr-defined]


def user_of(request: HttpRequest):
    """The calling user (AnonymousUser on public reads): what services and selectors take."""
    return caller_of(request).user


LICENSEE = "licensee"


class LicenseeBearer(ScopedBearer):
    """Tokens of dataset licensees (consent app), for the /licensee/ endpoints only. They
    are deliberately not in BEARER_KINDS: a licensee token opens nothing else. The
    licensee is put on `request.licensee`."""

    def resolve(self, request: HttpRequest, secret: str) -> Caller | None:
        from consent.selectors.licensees import licensee_authenticate

        licensee = licensee_authenticate(secret) if secret else None
        if licensee is None:
            return None
        request.licensee = licensee  # type: ignore[attr-defined]
        return Caller(user=AnonymousUser(), scopes=frozenset({LICENSEE}), via="licensee")


LICENSEE_AUTH = [LicenseeBearer(LICENSEE)]

"""Reads for third-party apps: a user's registered and authorised apps, their access log,
and turning an OAuth bearer secret into the app-limited viewer it acts as."""

import hashlib
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone
from oauth2_provider.models import AccessToken, Application

from accounts.models import User
from thirdparty.models import AccessLogEntry, AppAuthorisation, AppViewer


@dataclass(frozen=True)
class AppAccess:
    """A valid OAuth access token: who authorised which app with which scopes."""

    user: User
    application: Application
    scopes: frozenset[str]


def oauth_access(secret: str) -> AppAccess | None:
    """The access behind a bearer secret, or None: unknown, expired, revoked, or not
    issued to a user through the authorization-code grant (no app acts for nobody)."""
    if not secret:
        return None
    checksum = hashlib.sha256(secret.encode("utf-8")).hexdigest()
    token = (
        AccessToken.objects.select_related("application", "user")
        .filter(token_checksum=checksum, expires__gt=timezone.now(), user__isnull=False)
        .first()
    )
    if token is None or token.application is None or not token.user.is_active:
        return None
    if token.application.authorization_grant_type != Application.GRANT_AUTHORIZATION_CODE:
        return None
    return AppAccess(
        user=token.user, application=token.application, scopes=frozenset(token.scope.split())
    )


def app_viewer(user: User, *, limit: str) -> AppViewer:
    """The user as an app sees them: an `AppViewer` with `app_limit` "own" or "public"."""
    viewer = AppViewer(**{f.attname: getattr(user, f.attname) for f in User._meta.concrete_fields})
    viewer._state.adding, viewer._state.db = False, user._state.db
    viewer.app_limit = limit
    return viewer


def apps_registered_by(user: User) -> QuerySet[Application]:
    return Application.objects.filter(user=user).order_by("-created", "-id")


def authorisations_of(user: User) -> QuerySet[AppAuthorisation]:
    """Apps the user has authorised and not revoked (for the settings page and exports)."""
    return AppAuthorisation.objects.filter(user=user, revoked_at__isnull=True).select_related(
        "application"
    )


def authorisation_of(user: User, application_id: int) -> AppAuthorisation | None:
    return (
        AppAuthorisation.objects.filter(user=user, application_id=application_id)
        .select_related("application")
        .first()
    )


def access_log_of(user: User, *, application_id: int | None = None) -> QuerySet[AccessLogEntry]:
    entries = AccessLogEntry.objects.filter(user=user)
    if application_id is not None:
        entries = entries.filter(application_id=application_id)
    return entries

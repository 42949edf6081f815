"""Writes for third-party apps: registering an app, recording and revoking a user's
authorisation, and the access log (written for every OAuth-authenticated API request)."""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from oauth2_provider.generators import generate_client_secret
from oauth2_provider.models import AccessToken, Application, Grant, RefreshToken

from accounts.models import User
from accounts.permissions import ensure_can_act
from core.errors import ServiceError
from core.events import event_record
from thirdparty.models import AccessLogEntry, AppAuthorisation

CLIENT_TYPES = {Application.CLIENT_CONFIDENTIAL, Application.CLIENT_PUBLIC}


def app_register(
    *, owner: User, name: str, redirect_uris: str, client_type: str
) -> tuple[Application, str]:
    """Register an app that uses the authorization-code grant (with PKCE). Answers the
    app and its client secret in clear, which is stored only hashed: shown once. A public
    client (a phone or browser app that cannot keep a secret) gets no secret."""
    ensure_can_act(owner)
    name, uris = name.strip(), " ".join(redirect_uris.split())
    if not name:
        raise ServiceError(gettext("An app needs a name."))
    if not uris:
        raise ServiceError(gettext("An app needs at least one redirect URI."))
    if client_type not in CLIENT_TYPES:
        raise ServiceError(gettext("The client type must be “confidential” or “public”."))
    secret = generate_client_secret() if client_type == Application.CLIENT_CONFIDENTIAL else ""
    app = Application(
        user=owner,
        name=name[:255],
        redirect_uris=uris,
        client_type=client_type,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        client_secret=secret,
        skip_authorization=False,
    )
    try:
        app.full_clean(exclude=["client_id", "client_secret"])
    except ValidationError as error:
        raise ServiceError(" ".join(error.messages)) from error
    with transaction.atomic():
        app.save()
        event_record(
            kind="app.registered",
            actor=owner,
            data={"application_id": app.pk, "client_type": client_type},
            private={"name": app.name, "redirect_uris": uris},
        )
    return app, secret


def authorisation_record(*, user: User, application: Application, scopes: str) -> AppAuthorisation:
    """The user's authorisation of `application`, created or renewed on each token issued."""
    granted = sorted(set(scopes.split()))
    now = timezone.now()
    with transaction.atomic():
        row, created = AppAuthorisation.objects.select_for_update().get_or_create(
            user=user, application=application, defaults={"scopes": granted, "granted_at": now}
        )
        renewed = row.revoked_at is not None
        if created or renewed or row.scopes != granted:
            row.granted_at = now if renewed else row.granted_at
            row.scopes, row.revoked_at = granted, None
            row.save(update_fields=["scopes", "revoked_at", "granted_at"])
            event_record(
                kind="app.authorised",
                actor=user,
                subject=row,
                data={"application_id": application.pk, "scopes": granted},
            )
    return row


def authorisation_revoke(*, user: User, authorisation: AppAuthorisation) -> AppAuthorisation:
    """Withdraw an app's access: every token and pending code it holds for the user is
    deleted at once, so the next request with any of them is refused."""
    if authorisation.user_id != user.pk:
        raise ServiceError(gettext("That is not one of your authorised apps."))
    app_id = authorisation.application_id
    with transaction.atomic():
        RefreshToken.objects.filter(user=user, application_id=app_id).delete()
        AccessToken.objects.filter(user=user, application_id=app_id).delete()
        Grant.objects.filter(user=user, application_id=app_id).delete()
        authorisation.revoked_at = timezone.now()
        authorisation.save(update_fields=["revoked_at"])
        event_record(
            kind="app.revoked",
            actor=user,
            subject=authorisation,
            data={"application_id": app_id},
        )
    return authorisation


def refresh_token_reuse_record(*, secret: str) -> AppAuthorisation | None:
    """RFC 9700 §4.14.2: a refresh token used after it was rotated or revoked was stolen
    (by whoever used it first), or the app is broken. django-oauth-toolkit has already
    revoked its whole family (REFRESH_TOKEN_REUSE_PROTECTION); this records it on the
    user's authorisation. Unknown and expired secrets are not reuse and record nothing."""
    checksum = hashlib.sha256(secret.encode("utf-8")).hexdigest()
    token = (
        RefreshToken.objects.filter(token_checksum=checksum, revoked__isnull=False)
        .exclude(token_family=None)
        .order_by("-revoked")
        .first()
    )
    if token is None:
        return None
    authorisation = AppAuthorisation.objects.filter(
        user_id=token.user_id, application_id=token.application_id
    ).first()
    with transaction.atomic():
        event_record(
            kind="app.refresh_token_reused",
            subject=authorisation,
            data={"application_id": token.application_id, "family_revoked": True},
        )
    return authorisation


def access_record(
    *,
    user_id: int,
    application: Application,
    method: str,
    operation: str,
    path: str,
    object_type: str = "",
    object_id: str = "",
    status: int,
) -> AccessLogEntry:
    """One line of the user's access log, and the authorisation's "last used"."""
    now = timezone.now()
    with transaction.atomic():
        entry = AccessLogEntry.objects.create(
            user_id=user_id,
            application=application,
            app_name=application.name,
            at=now,
            method=method[:8],
            operation=operation[:80],
            path=path[:300],
            object_type=object_type[:40],
            object_id=object_id[:150],
            status=status,
        )
        # "Last used" moves at most once a minute, as for personal tokens: an app's every
        # request would otherwise update the same row.
        stale = Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - timedelta(seconds=60))
        AppAuthorisation.objects.filter(stale, user_id=user_id, application=application).update(
            last_used_at=now
        )
    return entry


def access_log_prune(*, now=None) -> int:
    """Delete access-log lines older than CANDID_ACCESS_LOG_DAYS; answers how many."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.CANDID_ACCESS_LOG_DAYS)
    with transaction.atomic():
        deleted, _ = AccessLogEntry.objects.filter(at__lt=cutoff).delete()
        if deleted:
            event_record(
                kind="app.access_log_pruned",
                data={"deleted": deleted, "days": settings.CANDID_ACCESS_LOG_DAYS},
            )
    return deleted

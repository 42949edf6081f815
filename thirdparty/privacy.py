"""Third-party apps' part of a user's export and erasure (see rights/registry.py): the apps
the user authorised, with their scopes and last use, and the access log of what each app
read or changed. Secrets (client secrets, tokens) are never exported."""

from oauth2_provider.models import get_access_token_model, get_refresh_token_model

from thirdparty.models import AccessLogEntry, AppAuthorisation

SECTION = "apps"
README = """\
### apps/

- `authorisations.json`: the third-party apps you authorised, their scopes, when you
  authorised them, their last use and any revocation (never their secrets or tokens).
- `access_log.json`: every API request an app made for you: when, method, path,
  operation, the object and the answer.
"""
CHUNK = 1000


def export(user, writer) -> None:
    with writer.json_array("apps/authorisations.json") as out:
        rows = (
            AppAuthorisation.objects.filter(user=user)
            .order_by("id")
            .values("application__name", "scopes", "granted_at", "last_used_at", "revoked_at")
        )
        for row in rows.iterator(chunk_size=CHUNK):
            out.append({"app": row.pop("application__name"), **row})
    with writer.json_array("apps/access_log.json") as out:
        rows = (
            AccessLogEntry.objects.filter(user=user)
            .order_by("id")
            .values("app_name", "at", "method", "operation", "path", "object_type", "object_id")
        )
        for row in rows.iterator(chunk_size=CHUNK):
            out.append(row)


def erase(user, *, holds) -> dict[str, int]:
    """Authorisations, tokens and the access log go; the apps other people use stay."""
    access, _ = get_access_token_model().objects.filter(user=user).delete()
    refresh, _ = get_refresh_token_model().objects.filter(user=user).delete()
    authorisations, _ = AppAuthorisation.objects.filter(user=user).delete()
    log, _ = AccessLogEntry.objects.filter(user=user).delete()
    return {
        "app_authorisations_deleted": authorisations,
        "app_tokens_deleted": access + refresh,
        "access_log_deleted": log,
    }

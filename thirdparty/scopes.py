"""The OAuth scopes a user can grant an app, and how they map onto the API's checks.

- `read:public`  public photos, albums, profiles, comments, follower lists: what anyone
                 without an account could read. Satisfies the API's `read` on public
                 operations only.
- `read:own`     additionally the user's own photos and albums whatever their visibility,
                 and the user's own data (profile with e-mail address, their notices and
                 statements of reasons). Satisfies `read` everywhere.
- `write`        upload, edit and delete the user's photos and albums, follow, favourite,
                 comment, file notices and appeals. Satisfies the API's `write`.

No scope reaches other people's non-public photos or e-mail addresses, whatever the user
could see themselves: an app sees public content plus the user's own.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

READ_PUBLIC = "read:public"
READ_OWN = "read:own"
WRITE = "write"

# The descriptions of settings.OAUTH2_PROVIDER["SCOPES"], the same English texts marked for
# translation: pages explain each scope in the reader's language.
DESCRIPTIONS = {
    READ_PUBLIC: _("Read public photos, albums, profiles and comments"),
    READ_OWN: _(
        "Read your own photos and albums, including private and followers-only ones, and "
        "your profile with your e-mail address"
    ),
    WRITE: _("Upload, edit and delete your photos and albums, follow, favourite, comment"),
}


def all_scopes() -> dict[str, str]:
    named = settings.OAUTH2_PROVIDER["SCOPES"]
    return {name: DESCRIPTIONS.get(name, text) for name, text in named.items()}


def required_scopes(api_scope: str, *, public: bool) -> set[str]:
    """OAuth scopes of which the token needs at least one for an operation that requires
    the API scope `api_scope` ("read" or "write"); `public` marks operations anyone may
    call without credentials."""
    if api_scope == "write":
        return {WRITE}
    return {READ_PUBLIC, READ_OWN} if public else {READ_OWN}


def viewer_limit(granted: set[str], api_scope: str) -> str:
    """What the app sees while it acts: its user's own content when it may read it or is
    changing it, otherwise public content only (see photos.selectors._app_limit)."""
    return "own" if READ_OWN in granted or api_scope == "write" else "public"

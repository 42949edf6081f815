"""Accounts' part of a user's export and erasure (see rights/registry.py).

Erasure anonymises the user row instead of deleting it: decisions, appeals and
statements of reasons point at users through protected foreign keys (a moderator's
decisions must outlive the moderator's account), and the event log keeps its actor
links. The row keeps its id and nothing personal: username "deleted-<id>", no e-mail,
names, bio or avatar, an unusable password, inactive (it can no longer sign in).
"""

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django_otp import devices_for_user

from accounts.models import ApiToken, SessionRecord, TermsAcknowledgement, User
from accounts.second_factor import totp_device_of
from accounts.sessions import sessions_end_all
from core.models import Event

SECTION = "account"
README = """\
### account/

- `profile.json`: your username, e-mail address (and when you confirmed it, and a new
  address waiting for confirmation), display name, bio, role, your upload defaults
  (licence, visibility, show location), when you joined, any suspension or termination
  of the account, and which version of the terms and privacy notice you acknowledged, when.
- `avatar.jpg`: your profile picture, if you set one.
- `api_tokens.json`: your personal access tokens: name, visible prefix, scopes, dates.
  The secrets themselves are never stored, so they cannot be exported.
- `sessions.json`: the browsers signed in to your account: browser, address, when each
  signed in and was last seen; and whether a second factor (authenticator app) is set up.
  Its secret and your recovery codes are not exported.
"""


def export(user, writer) -> None:
    writer.write_json(
        "account/profile.json",
        {
            "id": user.pk,
            "username": user.username,
            "email": user.email,
            "display_name": user.display_name,
            "bio": user.bio,
            "role": user.role,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "suspended_until": user.suspended_until,
            "terminated_at": user.terminated_at,
            "search_noindex": user.search_noindex,
            "avatar": "account/avatar.jpg" if user.avatar else None,
            "email_verified_at": user.email_verified_at,
            "email_pending": user.email_pending,
            "upload_defaults": {
                "licence": user.default_licence,
                "visibility": user.default_visibility,
                "show_location": user.default_show_location,
            },
            "terms_acknowledged": list(
                TermsAcknowledgement.objects.filter(user=user).values("version", "acknowledged_at")
            ),
        },
    )
    if user.avatar:
        writer.copy_from_storage("account/avatar.jpg", user.avatar)
    tokens = ApiToken.objects.filter(user=user).values(
        "name", "prefix", "scopes", "created_at", "last_used_at", "revoked_at"
    )
    writer.write_json("account/api_tokens.json", list(tokens))
    sessions = SessionRecord.objects.filter(user=user).values(
        "user_agent", "ip", "created_at", "last_seen_at"
    )
    second_factor = {"authenticator_app": totp_device_of(user) is not None}
    writer.write_json(
        "account/sessions.json", {"sessions": list(sessions), "second_factor": second_factor}
    )


def erase(user, *, holds) -> dict[str, int]:
    """The profile (name, bio, avatar) stays while a moderation case about it is open (a
    legal hold: the moderator decides on it); a later run erases it."""
    tokens, _ = ApiToken.objects.filter(user=user).delete()
    sessions_end_all(user=user)
    for device in devices_for_user(user, confirmed=None):
        device.delete()
    held = holds.keeps("profile", user.pk)
    avatar = "" if held else user.avatar
    scrubbed = (
        Event.objects.filter(Q(actor=user) | Q(subject_type="accounts.user", subject_id=user.pk))
        .exclude(private={})
        .update(private={})
    )
    user.username = f"deleted-{user.pk}"
    user.email = user.email_pending = user.first_name = user.last_name = ""
    if not held:
        user.display_name = user.bio = user.avatar = ""
    user.is_active = False
    user.last_login = None
    user.set_unusable_password()
    user.save()
    if avatar:
        transaction.on_commit(lambda: default_storage.delete(avatar))
    return {
        "tokens_deleted": tokens,
        "events_scrubbed": scrubbed,
        "avatar_deleted": int(bool(avatar)),
        "profile_held": int(held),
    }


STORAGE_PREFIXES = ("avatars/",)


def stored_files():
    yield from User.objects.exclude(avatar="").values_list("avatar", flat=True).iterator()

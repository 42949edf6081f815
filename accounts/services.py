"""Writes for accounts: sign-up, profile, personal access tokens."""

import hashlib
import io
import secrets

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import ImageOps

from accounts.models import ApiToken, User
from accounts.preferences import is_known_time_zone, is_supported_language
from accounts.usernames import username_mixes_scripts, username_skeleton
from core.errors import PermissionDenied, ServiceError
from core.events import event_record
from core.imaging import decode_fully, open_untrusted_image, pixels_only
from photos.services import rendition_version_bump

AVATAR_SIZE = 256
TOKEN_PREFIX = "cnd_"  # noqa: S105 - a public marker, not a secret


def user_signup(*, username: str, email: str, password: str) -> User:
    with transaction.atomic():
        if User.objects.filter(username__iexact=username).exists():
            raise ServiceError(_("That username is taken."))
        _check_username_distinct(username)
        user = User.objects.create_user(username=username, email=email, password=password)
        event_record(kind="account.created", actor=user, subject=user)
    return user


def user_create_passwordless(*, username: str, email: str = "") -> User:
    """An account without a usable password, for operators (e.g. an API-only account);
    its owner can still set a password through password reset."""
    try:
        User.username_validator(username)
        if len(username) > User._meta.get_field("username").max_length:
            raise ValidationError(_("It is too long."))
    except ValidationError as exc:
        raise ServiceError(
            _("“%(name)s” is not a valid username: %(why)s")
            % {"name": username, "why": exc.messages[0]}
        ) from exc
    with transaction.atomic():
        if User.objects.filter(username__iexact=username).exists():
            raise ServiceError(_("That username is taken."))
        _check_username_distinct(username)
        user = User.objects.create_user(username=username, email=email, password=None)
        event_record(kind="account.created", actor=user, subject=user, data={"via": "operator"})
    return user


def _check_username_distinct(username: str) -> None:
    """Refuses a username that looks like a taken one or mixes scripts (UTS #39; see
    accounts.usernames), or one that its stored (NFKC) form would make invalid or too
    long: "ﷺ" is one character typed and 18 stored. Exact, case-insensitive duplicates
    are refused before."""
    stored = User.normalize_username(username)
    try:
        User.username_validator(stored)
        if len(stored) > User._meta.get_field("username").max_length:
            raise ValidationError(_("It is too long."))
    except ValidationError as exc:
        raise ServiceError(
            _("“%(name)s” is not a valid username: %(why)s")
            % {"name": username, "why": exc.messages[0]}
        ) from exc
    if User.objects.filter(username_skeleton=username_skeleton(username)).exists():
        raise ServiceError(
            _("That username looks too much like one that is taken: choose another.")
        )
    if username_mixes_scripts(username):
        raise ServiceError(
            _(
                "A username cannot mix letters of different scripts (such as Latin with "
                "Cyrillic or Greek): use letters of one script."
            )
        )


def profile_update(*, user: User, display_name: str, bio: str, avatar_file=None) -> User:
    avatar_path = _store_avatar(user, avatar_file) if avatar_file else None
    with transaction.atomic():
        if user.display_name != display_name:
            # The served renditions name their creator (consent.metadata.rights_of).
            rendition_version_bump(owner=user)
        user.display_name = display_name
        user.bio = bio
        fields = ["display_name", "bio"]
        if avatar_path:
            old, user.avatar = user.avatar, avatar_path
            fields.append("avatar")
            transaction.on_commit(lambda: old and default_storage.delete(old))
        user.save(update_fields=fields)
        event_record(kind="account.profile_updated", actor=user, subject=user)
    return user


def preferences_update(*, user: User, language: str, time_zone: str) -> User:
    """Empty values mean "no preference" (accounts.preferences)."""
    if language and not is_supported_language(language):
        raise ServiceError(_("Candid does not speak that language yet."))
    if time_zone and not is_known_time_zone(time_zone):
        raise ServiceError(_("That is not a time zone Candid knows."))
    with transaction.atomic():
        user.language, user.time_zone = language, time_zone
        user.save(update_fields=["language", "time_zone"])
        event_record(kind="account.preferences_updated", actor=user, subject=user)
    return user


def search_indexing_set(*, user: User, noindex: bool) -> User:
    """The member's "ask search engines not to index my photos and profile". Their photos'
    renditions carry the choice in X-Robots-Tag, and a versioned rendition URL may be kept
    by caches for a year, so the photos get new rendition URLs (one statement)."""
    if user.search_noindex == noindex:
        return user
    with transaction.atomic():
        user.search_noindex = noindex
        user.save(update_fields=["search_noindex"])
        rendition_version_bump(owner=user)
        event_record(
            kind="account.search_indexing_set",
            actor=user,
            subject=user,
            data={"noindex": noindex},
        )
    return user


def _store_avatar(user: User, avatar_file) -> str:
    """Crop to a square JPEG; re-encoding drops every byte of the uploaded file's metadata."""
    image = decode_fully(open_untrusted_image(avatar_file))
    square = ImageOps.fit(ImageOps.exif_transpose(image).convert("RGB"), (AVATAR_SIZE,) * 2)
    pixels_only(square)
    out = io.BytesIO()
    square.save(out, "JPEG", quality=88)
    name = f"avatars/{user.pk}-{secrets.token_hex(6)}.jpg"
    return default_storage.save(name, ContentFile(out.getvalue()))


def token_create(
    *, user: User, name: str, scopes: list[str], second_factor: bool = False
) -> tuple[ApiToken, str]:
    """Returns the token row and its secret, which is never stored and shown only once.
    `second_factor`: created in a session confirmed with it, so it reaches staff endpoints."""
    unknown = set(scopes) - set(ApiToken.Scope.values)
    if unknown or not scopes:
        raise ServiceError(
            _("Unknown or missing scopes: %(names)s.")
            % {"names": ", ".join(sorted(unknown)) or _("none")}
        )
    if len(name) > 80:
        raise ServiceError(_("A token name is limited to 80 characters."))
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name or "token",
            prefix=secret[:10],
            token_hash=hash_token(secret),
            scopes=sorted(set(scopes)),
            second_factor=second_factor,
        )
        event_record(kind="token.created", actor=user, subject=token, data={"scopes": token.scopes})
    return token, secret


def token_revoke(*, user: User, token: ApiToken) -> None:
    if token.user_id != user.pk:
        raise PermissionDenied(_("That token is not yours."))
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        event_record(kind="token.revoked", actor=user, subject=token)


def token_mark_used(*, token: ApiToken) -> None:
    """Record use at most once a minute, so API reads do not each cost a write."""
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def user_role_set(*, user: User, role: str, actor: User | None = None) -> User:
    """Grants or takes away staff powers (operators: `manage.py set_role`). A new moderator
    or admin must set up the second factor before any staff page opens; every change is a
    privileged action in the audit log."""
    if role not in User.Role.values:
        raise ServiceError(
            _("Unknown role “%(role)s”: choose one of %(known)s.")
            % {"role": role, "known": ", ".join(User.Role.values)}
        )
    with transaction.atomic():
        before, user.role = user.role, role
        user.save(update_fields=["role"])
        event_record(
            kind="account.role_changed",
            actor=actor,
            subject=user,
            data={"from": before, "to": role},
        )
    return user

"""Reads for accounts."""

from django.db.models import QuerySet

from accounts.models import ApiToken, User
from accounts.services import hash_token


def user_by_username(username: str) -> User | None:
    return User.objects.filter(username=username, is_active=True).first()


def token_authenticate(secret: str) -> ApiToken | None:
    return (
        ApiToken.objects.select_related("user")
        .filter(token_hash=hash_token(secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )


def tokens_of(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True)


def user_by_id(user_id: int) -> User | None:
    return User.objects.filter(pk=user_id, is_active=True).first()


def staff_emails(*, exclude: User | None = None) -> list[str]:
    """Addresses of active moderators and admins."""
    staff = User.objects.filter(role__in=[User.Role.MODERATOR, User.Role.ADMIN], is_active=True)
    if exclude is not None:
        staff = staff.exclude(pk=exclude.pk)
    return list(staff.exclude(email="").values_list("email", flat=True))

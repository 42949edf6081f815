"""Shapes shared by several resources."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Schema


class ErrorOut(Schema):
    detail: str
    errors: list[dict[str, Any]] | None = None


class UserRef(Schema):
    username: str
    display_name: str


class UserSummary(UserRef):
    avatar_url: str | None


def absolute(request: HttpRequest, url: str) -> str:
    """Absolute form of a site path; URLs that already are absolute (S3) pass unchanged."""
    return request.build_absolute_uri(url)


def avatar_url(request: HttpRequest, user) -> str | None:
    """The web's avatar route, versioned by the stored name (new with every avatar)."""
    if not user.avatar:
        return None
    version = user.avatar.rsplit("/", 1)[-1].split(".", 1)[0]
    return absolute(request, f"{reverse('avatar', args=[user.pk])}?v={version}")


def user_ref(user) -> dict:
    return {"username": user.username, "display_name": user.display_name}


def user_summary(request: HttpRequest, user) -> dict:
    return {**user_ref(user), "avatar_url": avatar_url(request, user)}


ERRORS: dict[int, type[Schema]] = {code: ErrorOut for code in (400, 401, 403, 404, 422)}

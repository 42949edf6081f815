"""Rate limits of API endpoints, with the rates read from settings per request (as
web/ratelimits.py does for forms), so tests and operators can change them. Past a limit,
`enforce_limit` raises RateLimited: 429 with the message and Retry-After (api/errors.py)."""

from django.http import HttpRequest
from django_ratelimit import ALL

from api.auth import user_of
from core.errors import RateLimited
from web.ratelimits import client_ip, seconds_to_wait


def caller_account(_group, request: HttpRequest) -> str:
    """A rate-limit key: the calling account, as web.ratelimits.per_account keys a signed-in
    member, so an API endpoint and its web form can share one budget."""
    return f"account:{user_of(request).pk}"


def enforce_limit(
    request: HttpRequest,
    group: str,
    setting_name: str,
    message,
    *,
    key=client_ip,
    method=ALL,
) -> None:
    """Counts this request, per `key` (the client address as core.client_ip decides it,
    unless told); past the rate in settings.<setting_name>,
    raises RateLimited. The count is kept per group and method: a web form limited with
    `limit_posts` under the same group and key shares its budget with an API endpoint
    limited with method="POST"."""
    wait = seconds_to_wait(request, group, setting_name, key=key, method=method)
    if wait:
        raise RateLimited(str(message), retry_after=wait)

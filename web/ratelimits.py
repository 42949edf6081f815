"""Rate limits on POSTs that cost something or guess something (django-ratelimit): sign-up,
log-in, password reset, notices, depicted-person requests, image checks. Counted per client
address and, where one account or mailbox is the target, per submitted name or address."""

import ipaddress
from functools import wraps

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_ratelimit import ALL
from django_ratelimit.core import get_usage

from core.client_ip import client_address
from web.views.errors import rate_limited


def client_ip(_group, request) -> str:
    """The rate-limit key for "this client", shared by web and API limits: the client
    address as core.client_ip decides it (a trusted proxy's header, else REMOTE_ADDR).
    IPv6 clients are counted per /64 (RATELIMIT_IPV6_MASK), as django-ratelimit's own "ip"
    key does."""
    ip = ipaddress.ip_address(client_address(request))
    if ip.version == 6:
        mask = getattr(settings, "RATELIMIT_IPV6_MASK", 64)
    else:
        mask = getattr(settings, "RATELIMIT_IPV4_MASK", 32)
    return str(ipaddress.ip_network(f"{ip}/{mask}", strict=False).network_address)


# Depicted-person requests: web form and API share one budget and this answer.
TOO_MANY_DEPICTED = _(
    "Too many requests from your address in a short time. Please wait a while and try "
    "again; nothing you sent this time was stored."
)

# Notices: the report form and the API share one budget and this answer.
TOO_MANY_NOTICES = _(
    "Too many reports from your address in a short time. Please wait a while and try "
    "again; every report you already sent has been received."
)
TOO_MANY_APPEALS = _(
    "Too many appeals in a short time. Please wait a while and try again; nothing you sent "
    "this time was stored, and your time to appeal (six months) is not affected."
)
TOO_MANY_UPLOADS = _(
    "Too many uploads in a short time. Please wait a while and try again; nothing you sent "
    "this time was stored."
)
TOO_MANY_TOKENS = _(
    "Too many new access tokens in a short time. Please wait a while and try again; no "
    "token was made."
)

TOO_MANY_PASSWORD_CHANGES = _(
    "Too many password changes in a short time. Please wait a while and try again; your "
    "password was not changed this time."
)
TOO_MANY_EMAIL_CHANGES = _(
    "Too many new e-mail addresses in a short time. Please wait a while and try again; no "
    "link was sent this time, and the last link sent still works."
)


def posted(field: str):
    """A rate-limit key: the submitted value of `field`, trimmed and case-folded, so that
    "Alice" and "alice " spend one budget. The cache key is a hash of it."""

    def key(_group, request) -> str:
        return request.POST.get(field, "").strip().casefold()

    return key


def seconds_to_wait(request, group: str, setting_name: str, *, key=client_ip, method=ALL) -> int:
    """Counts this request against the rate in settings.<setting_name> (read per request,
    so tests and operators can change it without a restart), per `key`, in `group`.

    0 while the request is within the rate; past it, the whole seconds until the rate's
    window resets (at least 1), which a 429 sends as Retry-After. django-ratelimit counts
    in fixed windows of the rate's period, each key's window ending at its own offset.
    A limit of the same group and method counts one budget, web form and API alike."""
    rate = getattr(settings, setting_name)
    usage = get_usage(request, group=group, key=key, rate=rate, method=method, increment=True)
    if usage is None or not usage["should_limit"]:
        return 0
    return max(1, usage["time_left"])


def limit_posts(group: str, setting_name: str, *, key=client_ip, message: str = ""):
    """Limit POSTs to the rate in settings.<setting_name>, counted per `key` (the client
    address unless told); over the limit answers 429 with Retry-After and `message`, or
    the default "too many attempts from your address", and the view is not called."""

    def decorator(view):
        @wraps(view)
        def limited_view(request, *args, **kwargs):
            wait = seconds_to_wait(request, group, setting_name, key=key, method="POST")
            if wait:
                return rate_limited(request, message=message, retry_after=wait)
            return view(request, *args, **kwargs)

        return limited_view

    return decorator


def per_account(_group, request) -> str:
    """A rate-limit key: the signed-in account, else the client address (an anonymous
    notifier appealing with the token from the decision e-mail)."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"account:{user.pk}"
    return client_ip(_group, request)

"""Per-address limits for the API's open endpoints, with the rates read from settings per
request (as web/ratelimits.py does for forms), so tests and operators can change them."""

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit import ALL
from django_ratelimit.core import is_ratelimited

from web.ratelimits import client_ip


def over_limit(request: HttpRequest, group: str, setting_name: str, *, method=ALL) -> bool:
    """Counts this request; True once the address is past the rate in settings. The count
    is kept per group and method, per client address (`client_ip`, which honours
    CANDID_CLIENT_IP_HEADER): a web form limited with `limit_posts` under the same group
    shares its budget with an API endpoint limited with method="POST"."""
    rate = getattr(settings, setting_name)
    return is_ratelimited(
        request, group=group, key=client_ip, rate=rate, method=method, increment=True
    )

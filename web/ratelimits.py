"""Rate limits on sign-up and log-in POSTs, counted per client IP (django-ratelimit)."""

from functools import wraps

from django.conf import settings
from django_ratelimit.decorators import ratelimit

from web.views.errors import rate_limited


def limit_posts(group: str, setting_name: str):
    """Limit POSTs to the rate in settings.<setting_name>; over the limit answers 429.

    The rate is read per request, so tests and operators can change it without a restart.
    """

    def rate(_group, _request):
        return getattr(settings, setting_name)

    def decorator(view):
        @ratelimit(group=group, key="ip", rate=rate, method="POST", block=False)
        @wraps(view)
        def limited_view(request, *args, **kwargs):
            if getattr(request, "limited", False):
                return rate_limited(request)
            return view(request, *args, **kwargs)

        return limited_view

    return decorator

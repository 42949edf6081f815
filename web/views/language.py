"""The footer's language switcher.

A visitor's choice is a cookie (Django's LocaleMiddleware reads it), set by a plain link so
that cached public pages stay cacheable (a form would need a CSRF token). A member's
choice is saved to their account by a POST, so mail and statements use it too.
"""

from django.conf import settings
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.preferences import is_supported_language
from accounts.services import preferences_update


@require_http_methods(["GET", "POST"])
def language_switch(request):
    data = request.POST if request.method == "POST" else request.GET
    language = data.get("language", "")
    if not is_supported_language(language):
        return HttpResponseBadRequest(_("Candid does not speak that language yet."))
    if request.method == "POST" and request.user.is_authenticated:
        user = request.user
        preferences_update(user=user, language=language, time_zone=user.time_zone)
    response = HttpResponseRedirect(_safe_next(request, data.get("next", "")))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


def _safe_next(request, target: str) -> str:
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed and target.startswith("/") else "/"

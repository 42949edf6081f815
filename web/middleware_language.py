"""Which language and time zone a request is answered in.

Django's LocaleMiddleware chooses from the language cookie, Accept-Language and
CANDID_LANGUAGE; a signed-in member's saved language comes first (issue 15). Times are
shown in the member's time zone, else the instance's (UTC).

Image files (renditions, avatars) say nothing in any language: they are answered without
choosing one, so they neither vary by Accept-Language nor read the session (a public
rendition is cached by CDNs for a year and must not vary by cookie).
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import timezone, translation

from accounts.preferences import is_known_time_zone, is_supported_language

LANGUAGE_NEUTRAL = ("/r/", "/avatars/", "/static/", "/healthz", "/metrics")


def language_neutral(request) -> bool:
    return request.path_info.startswith(LANGUAGE_NEUTRAL)


class CandidLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request):
        if not language_neutral(request):
            super().process_request(request)

    def process_response(self, request, response):
        if language_neutral(request):
            return response
        return super().process_response(request, response)


class MemberPreferences:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME in request.COOKIES and not language_neutral(request):
            self._activate(request.user, request)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()

    @staticmethod
    def _activate(user, request) -> None:
        if not user.is_authenticated:
            return
        if is_supported_language(user.language):
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        if is_known_time_zone(user.time_zone):
            timezone.activate(user.time_zone)

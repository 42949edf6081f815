"""The signed-in member's saved language and time zone, over the browser's.

Django's LocaleMiddleware (earlier in the chain) has already chosen from the language
cookie, Accept-Language and CANDID_LANGUAGE; a member's saved language comes first
(issue 15). Times are shown in the member's time zone, else the instance's (UTC).
"""

from django.utils import timezone, translation

from accounts.preferences import is_known_time_zone, is_supported_language


class MemberPreferences:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            if is_supported_language(user.language):
                translation.activate(user.language)
                request.LANGUAGE_CODE = user.language
            if is_known_time_zone(user.time_zone):
                timezone.activate(user.time_zone)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()

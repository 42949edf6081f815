"""A member's language and time zone, and the choices offered for them.

Pages follow the member's saved language, else the browser's Accept-Language, else the
instance default (CANDID_LANGUAGE); see web.middleware_language. What Candid sends when
the member is not looking (mail, statements of reasons) has no browser to ask, so it uses
`language_for`: the saved language, else the instance default.
"""

import zoneinfo
from functools import cache

from django.conf import settings


def language_choices() -> list[tuple[str, str]]:
    """Each language in its own name ("Deutsch", not "German"): whoever cannot read the
    current language still finds theirs."""
    return list(settings.LANGUAGES)


def is_supported_language(code: str) -> bool:
    return code in dict(settings.LANGUAGES)


@cache
def time_zone_names() -> tuple[str, ...]:
    return tuple(sorted(zoneinfo.available_timezones() - {"localtime", "Factory"}))


def is_known_time_zone(name: str) -> bool:
    return name in time_zone_names()


def language_for(user) -> str:
    """The language to write to this member in when they are not on the page."""
    saved = getattr(user, "language", "")
    return saved if is_supported_language(saved) else settings.LANGUAGE_CODE


def time_zone_for(user) -> str:
    saved = getattr(user, "time_zone", "")
    return saved if is_known_time_zone(saved) else settings.TIME_ZONE

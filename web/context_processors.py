"""The links of the page frame (templates/base.html), reversed once per process instead
of on every page: reversing them was about a third of rendering the frame, which every
page pays (bench/README.md, moderation pages)."""

from functools import cache

from django.urls import get_script_prefix, reverse

FRAME_LINKS = (
    "home",
    "explore",
    "moderation_queue",
    "search",
    "upload",
    "album_new",
    "settings_index",
    "profile_settings",
    "tokens",
    "sessions",
    "consent_settings",
    "moderation_mine",
    "your_data",
    "logout",
    "login",
    "signup",
    "rules",
    "report",
    "transparency",
    "language",
)


def frame_links(request) -> dict:
    return {"frame": _reversed(get_script_prefix())}


@cache
def _reversed(script_prefix: str) -> dict[str, str]:
    return {name: reverse(name) for name in FRAME_LINKS}

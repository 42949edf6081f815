"""Keeps the "Your sessions" list (accounts/sessions.py) current.

A sign-in writes the session's record (browser, address, time); after that, a request
refreshes "last seen" at most once a minute per session and process, remembered in the
cache, so most requests cost no query. A log-out removes the record. The address is the
one rate limits use (core.client_ip), so the list agrees with the proxy settings.
"""

from django.contrib.auth import SESSION_KEY
from django.core.cache import cache

from accounts.sessions import session_forget, session_seen
from core.client_ip import client_address

EVERY_SECONDS = 60


class SessionActivity:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        key = session.session_key if session is not None else None
        if key and cache.get(_seen(key)) is None and session.get(SESSION_KEY):
            _record(request, int(session[SESSION_KEY]), key)
        return response


def session_started(sender, request, user, **kwargs) -> None:
    key = getattr(getattr(request, "session", None), "session_key", None)
    if key:
        _record(request, user.pk, key)


def session_ended(sender, request, user, **kwargs) -> None:
    key = getattr(getattr(request, "session", None), "session_key", None)
    if key:
        session_forget(session_key=key)
        cache.delete(_seen(key))


def _record(request, user_id: int, key: str) -> None:
    meta = getattr(request, "META", {})
    session_seen(
        user_id=user_id,
        session_key=key,
        user_agent=meta.get("HTTP_USER_AGENT", ""),
        ip=client_address(request) if "REMOTE_ADDR" in meta else None,
    )
    cache.set(_seen(key), 1, EVERY_SECONDS)


def _seen(key: str) -> str:
    return f"candid:session-seen:{key}"

"""Keeps the "Your sessions" list (accounts/sessions.py) current.

After the view, a signed-in session's record is refreshed when the session key changed
(a fresh log-in) or a minute has passed: the session holds when that was, so most
requests cost no query beyond the session they load anyway. The address is the one
rate limits use (web.ratelimits.client_ip), so the list agrees with the proxy setting.
"""

import time

from django.contrib.auth import SESSION_KEY

from accounts.sessions import session_seen
from web.ratelimits import client_ip

SEEN = "candid_seen"
EVERY_SECONDS = 60


class SessionActivity:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        _touch(request)
        return response


def _touch(request) -> None:
    session = getattr(request, "session", None)
    if session is None or session.session_key is None:  # no session, or just ended
        return
    user_id = session.get(SESSION_KEY)
    if user_id is None:
        return
    key, seen = session.get(SEEN, ("", 0))
    now = time.time()
    if key == session.session_key and now - seen < EVERY_SECONDS:
        return
    session_seen(
        user_id=int(user_id),
        session_key=session.session_key,
        user_agent=request.headers.get("User-Agent", ""),
        ip=client_ip(None, request),
    )
    session[SEEN] = (session.session_key, now)

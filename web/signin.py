"""A sign-in that waits for its second factor.

After a correct password, a member who needs a second factor (every moderator and
admin, and anyone who set up an authenticator) is not signed in yet: the session holds
who passed the password step, how and where to go next, for ten minutes. Only a code
(or the set-up of a first authenticator, for staff who have none) completes the sign-in,
through Django's login (new session key) and django-otp's, so the session counts as
confirmed (request.user.is_verified()).
"""

import time

from django.conf import settings
from django.contrib.auth import login as auth_login
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login

from accounts.models import User
from accounts.selectors import user_by_id
from accounts.staff_log import staff_signin_record
from core.client_ip import client_address

PENDING = "candid_signin_pending"
PENDING_SECONDS = 600


def pending_start(request, user: User, next_url: str) -> None:
    """A new session key, so that a key planted before the password is worth nothing."""
    request.session.cycle_key()
    request.session[PENDING] = {
        "user": user.pk,
        "backend": user.backend,
        "next": next_url,
        "at": time.time(),
    }
    if user.has_staff_role:
        record(request, user, outcome="password_accepted", step="password")


def pending_user(request) -> User | None:
    """Who passed the password step in this session, within the last ten minutes."""
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        return None
    return user_by_id(pending["user"])


def signing_in(request) -> User | None:
    """The member the code pages are for: a pending sign-in, else the signed-in member
    whose session is not confirmed yet."""
    user = pending_user(request)
    if user is None and request.user.is_authenticated and not request.user.is_verified():
        user = request.user
    return user


def signin_finish(request, user: User, device, method: str) -> str:
    """Completes the sign-in (or confirms a signed-in session) with `device`; returns where
    to go next."""
    pending = request.session.pop(PENDING, None)
    if pending is not None:
        auth_login(request, user, backend=pending["backend"])
    else:
        request.session.cycle_key()
    otp_login(request, device)
    if user.has_staff_role:
        record(request, user, outcome="succeeded", step="second_factor", method=method)
    return next_url(request, (pending or {}).get("next", ""))


def next_url(request, wanted: str) -> str:
    wanted = wanted or request.GET.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return wanted if safe else resolve_url(settings.LOGIN_REDIRECT_URL)


def record(request, user: User, **what) -> None:
    staff_signin_record(
        user=user,
        ip=client_address(request),
        user_agent=request.headers.get("User-Agent", ""),
        **what,
    )

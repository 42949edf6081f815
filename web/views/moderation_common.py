"""Shared pieces of the moderation pages: the moderator gate, private file answers and the
cache of rendered page parts."""

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils import timezone, translation

from accounts.permissions import ensure_moderator, lacks_second_factor
from accounts.second_factor import totp_device_of
from core.errors import PermissionDenied
from core.pagecache import content_generation
from moderation.selectors import log_position

PART_SECONDS = 3600
Part = TypeVar("Part")


def forbidden(request, message: str, *, second_factor: bool = False):
    context = {"message": message, "second_factor": second_factor}
    return render(request, "moderation/forbidden.html", context, status=403)


def moderator_required(view):
    """Anonymous visitors are sent to log in; a moderator or admin without an authenticator
    app is sent to set one up; signed-in non-moderators, staff whose session did not pass
    the second factor, and moderators under a suspension get a 403 page saying why."""

    @wraps(view)
    def gated(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        unconfirmed = lacks_second_factor(request.user)
        if unconfirmed and totp_device_of(request.user) is None:
            return redirect_to_login(request.get_full_path(), "second_factor_setup")
        try:
            ensure_moderator(request.user)
        except PermissionDenied as error:
            return forbidden(request, error.message, second_factor=unconfirmed)
        return view(request, *args, **kwargs)

    return gated


def private_file(path: str, content_type: str = "image/jpeg", **kwargs) -> FileResponse:
    """A stored file only some people may see: never cached by shared caches."""
    if not path or not default_storage.exists(path):
        raise Http404("No such file.")
    response = FileResponse(default_storage.open(path, "rb"), content_type=content_type, **kwargs)
    response["Cache-Control"] = "private, no-store"
    return response


def parts_version() -> str:
    """The version a moderator's page is built from. A cached part is reused only under
    the same version, and the version is read before any of the data, so a part is never
    older than its key.

    - The moderation chain head's seq (moderation.selectors.log_position, one cheap query
      with the next item). Every moderation change (notice, case, decision, approval,
      appeal, escalation, rules, policy, misuse measure) appends a chained event in its
      transaction and moves that one row, in commit order. It is read from the database,
      so per-process caches (LocMemCache in each gunicorn worker) stay correct: a worker
      that did not make the change sees the new seq all the same.
    - The highest event id: every other service write (an owner editing the reported
      photo, a profile rename) adds an event, seen by every process.
    - `content_generation()`, bumped after every committed event (in this process, or in
      all of them with CANDID_CACHE=database). It closes the one gap of the event id, a
      lower-numbered event committing after a higher-numbered one was read, in the
      process that wrote it.
    - The language, the time zone and the current minute: "2 h 5 min left", "Overdue",
      suspensions and strikes that run out are at most a minute behind the clock, and so
      is anything the three above cannot see (that event-id gap in another process with
      per-process caches, or a write that bypasses the services).
    """
    seq, last_event = log_position()
    minute = int(timezone.now().timestamp() // 60)
    zone = timezone.get_current_timezone_name()
    return f"{seq}.{last_event}.{content_generation()}.{translation.get_language()}.{zone}.{minute}"


def cached_part(name: str, version: str, build: Callable[[], Part]) -> Part:
    """`build()` (a rendered fragment, or a dict of fragments and the small facts the
    per-viewer parts need), reused while `version` holds. Only moderator-gated views call
    this, and no part holds a CSRF token or depends on who is looking unless `name` says
    whose it is. A None result (no such case) is not stored."""
    key = f"candid:moderation:{name}:{version}"
    part = cache.get(key)
    if part is None:
        part = build()
        if part is not None:
            cache.set(key, part, PART_SECONDS)
    return part

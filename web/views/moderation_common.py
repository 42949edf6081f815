"""Shared pieces of the moderation pages: the moderator gate and private file answers."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import render

from accounts.permissions import ensure_moderator
from core.errors import PermissionDenied


def forbidden(request, message: str):
    return render(request, "moderation/forbidden.html", {"message": message}, status=403)


def moderator_required(view):
    """Anonymous visitors are sent to log in; signed-in non-moderators (and moderators under
    a suspension) get a 403 page saying why."""

    @wraps(view)
    def gated(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        try:
            ensure_moderator(request.user)
        except PermissionDenied as error:
            return forbidden(request, error.message)
        return view(request, *args, **kwargs)

    return gated


def private_file(path: str, content_type: str = "image/jpeg", **kwargs) -> FileResponse:
    """A stored file only some people may see: never cached by shared caches."""
    if not path or not default_storage.exists(path):
        raise Http404("No such file.")
    response = FileResponse(default_storage.open(path, "rb"), content_type=content_type, **kwargs)
    response["Cache-Control"] = "private, no-store"
    return response

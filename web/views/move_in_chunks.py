"""The resumable uploads behind Settings → Move in (static/js/move-in.js): begin a file,
send its parts (PUT with the offset they start at), ask where the server's copy ends
after a dropped connection, start the move-in when every file is there. JSON in and out;
the session and its CSRF token as on every page."""

import json

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.errors import ServiceError
from rights.services.movein_uploads import (
    OffsetMismatch,
    movein_start,
    upload_append,
    upload_begin,
    upload_of,
)


def _error(error: ServiceError) -> JsonResponse:
    body = {"error": error.message}
    if isinstance(error, OffsetMismatch):
        body["received"] = error.received
    return JsonResponse(body, status=getattr(error, "status", 400))


def _json(request) -> dict:
    try:
        data = json.loads(request.body or b"{}")
    except ValueError:
        raise ServiceError(_("The request is not valid JSON.")) from None
    if not isinstance(data, dict):
        raise ServiceError(_("The request is not valid JSON."))
    return data


@login_required
@require_POST
def uploads(request):
    try:
        data = _json(request)
        size = data.get("size")
        if not isinstance(size, int):
            raise ServiceError(_("Give the file's size in bytes."))
        upload = upload_begin(user=request.user, name=str(data.get("name", "")), size=size)
    except ServiceError as error:
        return _error(error)
    url = reverse("move_in_upload", args=[upload.token])
    return JsonResponse(
        {
            "token": upload.token,
            "url": url,
            "received": 0,
            "chunk": settings.CANDID_MOVEIN_CHUNK_BYTES,
        },
        status=201,
    )


@login_required
@require_http_methods(["GET", "PUT"])
def upload(request, token: str):
    try:
        if request.method == "GET":
            return JsonResponse({"received": upload_of(request.user, token).received})
        return JsonResponse({"received": _append(request, token)})
    except ServiceError as error:
        return _error(error)


def _append(request, token: str) -> int:
    try:
        offset = int(request.headers.get("Upload-Offset", ""))
        length = int(request.headers.get("Content-Length", ""))
    except ValueError:
        raise ServiceError(_("Send the part with its Upload-Offset and Content-Length.")) from None
    if length > settings.CANDID_MOVEIN_CHUNK_BYTES:
        raise ServiceError(
            _("A part may be up to %(megabytes)s MB.")
            % {"megabytes": settings.CANDID_MOVEIN_CHUNK_BYTES // 1024**2}
        )
    return upload_append(
        user=request.user, token=token, offset=offset, stream=request, length=length
    )


@login_required
@require_POST
def start(request):
    try:
        tokens = _json(request).get("tokens")
        if not isinstance(tokens, list) or not all(isinstance(t, str) for t in tokens):
            raise ServiceError(_("Choose the zip files of your Flickr export."))
        fetch_media = _json(request).get("fetch_media") is True
        run = movein_start(user=request.user, tokens=tokens, fetch_media=fetch_media)
    except ServiceError as error:
        return _error(error)
    return JsonResponse({"import": run.pk, "next": reverse("move_in")}, status=201)

"""Writes the access log for API requests an OAuth app made for a user.

`api.auth.OAuthToken` marks the request with the app and user it resolved; after the
view has answered, this middleware records method, operation, the object addressed and
the status — also for refused requests, so a user sees an app that tried to reach more
than it was granted.
"""

import json

from thirdparty.services import access_record

# URL parameters of the API and the kind of object each one names.
OBJECT_PARAMS = {
    "photo_id": "photo",
    "album_id": "album",
    "comment_id": "comment",
    "username": "user",
    "case_id": "case",
    "decision_id": "decision",
    "appeal_id": "appeal",
    "notice_id": "notice",
}
REQUEST_ATTR = "thirdparty_access"


class AppAccessLog:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        access = getattr(request, REQUEST_ATTR, None)
        if access is not None:
            object_type, object_id = addressed_object(request, response)
            access_record(
                user_id=access.user.pk,
                application=access.application,
                method=request.method,
                operation=operation_of(request),
                path=request.path,
                object_type=object_type,
                object_id=object_id,
                status=response.status_code,
            )
        return response


def operation_of(request) -> str:
    match = request.resolver_match
    return (match.url_name or "") if match else ""


def addressed_object(request, response) -> tuple[str, str]:
    """The object named in the URL (the innermost one), or the object a POST created."""
    kwargs = request.resolver_match.kwargs if request.resolver_match else {}
    found = ("", "")
    for param, kind in OBJECT_PARAMS.items():
        if param in kwargs:
            found = (kind, str(kwargs[param]))
            if kind != "user":
                break
    if response.status_code == 201 and response.get("Content-Type", "").startswith(
        "application/json"
    ):
        created = _created_id(response.content)
        if created:
            return (_created_kind(request.path), created)
    return found


def _created_id(content: bytes) -> str:
    try:
        body = json.loads(content)
    except ValueError:
        return ""
    return str(body.get("id", "")) if isinstance(body, dict) else ""


def _created_kind(path: str) -> str:
    last = path.rstrip("/").rsplit("/", 1)[-1]
    return {"photos": "photo", "albums": "album", "comments": "comment"}.get(last, last)

"""Request ids: every request gets one, every log line written while it runs carries it,
and the response names it in `X-Request-ID`, so a line in the proxy's log, the access log
and the application log can be matched.

An incoming `X-Request-ID` is kept only when the request comes from a trusted proxy
(CANDID_TRUSTED_PROXIES), which set it; from anyone else a client could choose the id of
another request's log lines, so a fresh one is made. An id is also made when the
incoming one is not a short token (letters, digits, `-`, `_`, `.`, at most 128).
"""

import re
import uuid

from django.core.signals import request_finished

from core.client_ip import from_trusted_proxy
from core.json_log import _current

HEADER = "X-Request-ID"
META_KEY = "HTTP_X_REQUEST_ID"
_VALID = re.compile(r"[A-Za-z0-9._-]{1,128}")


class RequestIdMiddleware:
    """Sets request.request_id and the response's X-Request-ID (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = _incoming(request) or uuid.uuid4().hex
        request.request_id = request_id
        # Kept until the response is closed, not only while the middleware below runs:
        # Django logs "Not Found" and the like after the middleware chain has returned.
        _current.set(request_id)
        response = self.get_response(request)
        response[HEADER] = request_id
        return response


def _forget(**_kwargs) -> None:
    _current.set("")


request_finished.connect(_forget, dispatch_uid="candid_request_id_forget")


def _incoming(request) -> str:
    value = request.META.get(META_KEY, "").strip()
    if not value or not _VALID.fullmatch(value) or not from_trusted_proxy(request):
        return ""
    return value

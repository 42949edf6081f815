from django.shortcuts import render
from django.views import defaults

from core.upload_limits import UploadTooLarge


def rate_limited(request, exception=None, message: str = "", retry_after: int | None = None):
    """Answer 429 with a page that says what happened and what to do; with `retry_after`
    (seconds until the limit's window resets) also as the Retry-After header (RFC 9110)."""
    context = {"message": message, "retry_minutes": -(-retry_after // 60) if retry_after else 0}
    response = render(request, "errors/rate_limited.html", context, status=429)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


def bad_request(request, exception=None):
    """Django answers 400 for a request it could not read; a file over the upload limit
    (core/upload_limits.py) is answered 413, with the limit in words."""
    if isinstance(exception, UploadTooLarge):
        return render(
            request, "errors/upload_too_large.html", {"message": exception.message}, status=413
        )
    return defaults.bad_request(request, exception)

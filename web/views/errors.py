from django.shortcuts import render


def rate_limited(request, exception=None, message: str = "", retry_after: int | None = None):
    """Answer 429 with a page that says what happened and what to do; with `retry_after`
    (seconds until the limit's window resets) also as the Retry-After header (RFC 9110)."""
    context = {"message": message, "retry_minutes": -(-retry_after // 60) if retry_after else 0}
    response = render(request, "errors/rate_limited.html", context, status=429)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response

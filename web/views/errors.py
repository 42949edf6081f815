from django.shortcuts import render


def rate_limited(request, exception=None, message: str = ""):
    """Answer 429 with a page that says what happened and what to do."""
    context = {"message": message} if message else {}
    return render(request, "errors/rate_limited.html", context, status=429)

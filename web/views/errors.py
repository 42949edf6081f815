from django.shortcuts import render


def rate_limited(request, exception=None):
    """Answer 429 with a page that says what happened and what to do."""
    return render(request, "errors/rate_limited.html", status=429)

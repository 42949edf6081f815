from django.http import HttpResponse
from django.template.loader import render_to_string


def rate_limited(request, exception=None):
    body = render_to_string(
        "errors/rate_limited.html", request=request,
    )
    return HttpResponse(body, status=429)

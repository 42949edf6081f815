"""Candid's URLs plus /bench/trivial: the same middleware and server, no work of its own."""

from django.http import HttpResponse
from django.urls import include, path


def trivial(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/trivial", trivial),
    path("", include("candid.urls")),
]

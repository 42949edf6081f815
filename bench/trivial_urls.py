"""Candid's URLs plus /bench/trivial: the floor the pages are measured against.

Only bench/settings.py routes here, so the view exists in benchmarks and nowhere else. It
goes through the same middleware and server as the pages, loads the session's user (as
every signed-in page must) and renders a minimal template with the template engine and
context processors the pages use: the page's own work is then what separates them.
"""

from django.shortcuts import render
from django.urls import include, path


def trivial(request):
    return render(request, "bench_trivial.html", {"user": request.user})


def frame(request):
    """The page frame (base.html) around nothing: what every real page pays on top of the
    trivial view. bench/profile_pages.py times it; bench/pages.py does not."""
    return render(request, "bench_frame.html")


urlpatterns = [
    path("bench/trivial", trivial),
    path("bench/frame", frame),
    path("", include("candid.urls")),
]

"""Photo lists: home feed, explore, search and tag pages."""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from core.geo import viewer_country
from photos.selectors import explore_photos, photos_matching, photos_tagged
from social.selectors import feed_for
from web.grid_cache import explore_viewer, grid_key, lazy, viewer_id
from web.pagination import page_of


@require_GET
def home(request):
    """Signed in: photos of the people you follow. Otherwise: explore."""
    if not request.user.is_authenticated:
        return redirect("explore")
    key = grid_key(request, f"feed:{request.user.pk}")
    page = lazy(
        lambda: page_of(
            feed_for(request.user, country=viewer_country(request)), request.GET.get("page")
        )
    )
    return render(request, "feed/home.html", {"page": page, "grid_key": key})


@require_GET
def explore(request):
    viewer_class, viewer = explore_viewer(request)
    key = grid_key(request, viewer_class)
    page = lazy(
        lambda: page_of(
            explore_photos(viewer, country=viewer_country(request)), request.GET.get("page")
        )
    )
    return render(request, "feed/explore.html", {"page": page, "grid_key": key})


@require_GET
def search(request):
    query = request.GET.get("q", "").strip()[:200]
    photos = photos_matching(query, request.user, country=viewer_country(request))
    page = page_of(photos, request.GET.get("page"))
    return render(request, "feed/search.html", {"page": page, "query": query})


@require_GET
def tag(request, name: str):
    key = grid_key(request, f"tag:{viewer_id(request)}")
    country = viewer_country(request)
    page = lazy(
        lambda: page_of(photos_tagged(name, request.user, country=country), request.GET.get("page"))
    )
    return render(request, "feed/tag.html", {"page": page, "tag": name, "grid_key": key})

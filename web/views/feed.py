"""Photo lists: home feed, explore, search and tag pages."""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from core.geo import viewer_country
from photos.selectors import explore_photos, photos_matching, photos_tagged
from social.selectors import feed_for
from web.keyset_pagination import old_page_links, paged
from web.pagination import page_of


@require_GET
@old_page_links
def home(request):
    """Signed in: photos of the people you follow. Otherwise: explore."""
    if not request.user.is_authenticated:
        return redirect("explore")
    page = paged(request, feed_for(request.user, country=viewer_country(request)))
    return render(request, "feed/home.html", {"page": page})


@require_GET
@old_page_links
def explore(request):
    page = paged(request, explore_photos(request.user, country=viewer_country(request)))
    return render(request, "feed/explore.html", {"page": page})


@require_GET
def search(request):
    query = request.GET.get("q", "").strip()[:200]
    photos = photos_matching(query, request.user, country=viewer_country(request))
    page = page_of(photos, request.GET.get("page"))
    return render(request, "feed/search.html", {"page": page, "query": query})


@require_GET
@old_page_links
def tag(request, name: str):
    photos = photos_tagged(name, request.user, country=viewer_country(request))
    page = paged(request, photos)
    return render(request, "feed/tag.html", {"page": page, "tag": name})

"""Photo lists: home feed, explore, search and tag pages."""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from core.geo import viewer_country
from photos.search import SearchRefused, search_everything
from photos.search_match import MAX_QUERY_CHARS
from photos.selectors import explore_photos, photos_tagged
from social.selectors import feed_for
from web.keyset_pagination import old_page_links, paged


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
    """Photos, people and tags; photos page by a cursor (`after`), see photos.search."""
    query = request.GET.get("q", "").strip()
    try:
        found = search_everything(
            query, request.user, country=viewer_country(request), after=request.GET.get("after")
        )
    except SearchRefused as exc:
        context = {"query": query[:MAX_QUERY_CHARS], "error": exc.message}
        return render(request, "feed/search.html", context, status=400)
    return render(request, "feed/search.html", {"found": found, "query": query})


@require_GET
@old_page_links
def tag(request, name: str):
    photos = photos_tagged(name, request.user, country=viewer_country(request))
    page = paged(request, photos)
    return render(request, "feed/tag.html", {"page": page, "tag": name})

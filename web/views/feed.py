"""Photo lists: home feed, explore, search and tag pages."""

from django.contrib.auth.models import AnonymousUser
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.geo import viewer_country
from federation.image_links import with_image_origins
from federation.selectors import follows_elsewhere
from photos.licences import licence_choices
from photos.search import SearchRefused, search_everything
from photos.search_match import MAX_QUERY_CHARS
from photos.search_options import DEFAULT_SORT, OPTION_NAMES, SORTS, search_options
from photos.selectors import explore_photos, photos_tagged
from social.popular import popular_photos, recent_photos
from social.selectors import feed_for
from web.grid_cache import explore_viewer, grid_key, lazy, viewer_id
from web.keyset_pagination import old_page_links, paged
from web.views.federation_remote import remote_card
from web.views.feed_federated import federated_home


@require_GET
@old_page_links
@with_image_origins
def home(request):
    """Signed in: photos of the people you follow. Otherwise: the community's welcome."""
    if not request.user.is_authenticated:
        return welcome(request)
    if follows_elsewhere(request.user):
        return federated_home(request)
    key = grid_key(request, f"feed:{request.user.pk}")
    page = lazy(lambda: paged(request, feed_for(request.user, country=viewer_country(request))))
    return render(request, "feed/home.html", {"page": page, "grid_key": key})


def welcome(request):
    """A visitor's first look: recent and popular public photos (bounded queries, the grid
    cached as explore's is), what Candid promises, and where its rules and reports are."""
    visitor, country = AnonymousUser(), viewer_country(request)
    context = {
        "grid_key": grid_key(request, "welcome"),
        "recent": lazy(lambda: recent_photos(visitor, country=country)),
        "popular": lazy(lambda: popular_photos(visitor, country=country)),
    }
    return render(request, "feed/welcome.html", context)


@require_GET
@old_page_links
def explore(request):
    base = grid_key(request, "explore")  # the content version, read before the grid
    viewer_class, viewer = explore_viewer(request, base)
    key = f"{base}|{viewer_class}"
    page = lazy(lambda: paged(request, explore_photos(viewer, country=viewer_country(request))))
    return render(request, "feed/explore.html", {"page": page, "grid_key": key})


@require_GET
@with_image_origins
def search(request):
    """Photos, people and tags; photos filtered and sorted by the form's options (see
    photos.search_options) and paged by a cursor (`after`), see photos.search."""
    query = request.GET.get("q", "").strip()
    context = {
        "query": query[:MAX_QUERY_CHARS],
        "licences": licence_choices(),
        "sorts": SORTS,
        "chosen": _echoed(request),
    }
    try:
        options = search_options(request.GET)
        found = search_everything(
            query,
            request.user,
            country=viewer_country(request),
            options=options,
            after=request.GET.get("after"),
        )
    except SearchRefused as exc:
        return render(request, "feed/search.html", {**context, "error": exc.message}, status=400)
    context.update(found=found, filtered=options.filtered, query=query)
    if not request.GET.get("after"):  # looked up on the first page of results only
        context["remote"] = remote_card(request, query)
    return render(request, "feed/search.html", context)


def _echoed(request) -> dict:
    """The options as sent, shown back in the form (shortened): kept, or to be corrected."""
    chosen = {name: request.GET.get(name, "")[:MAX_QUERY_CHARS] for name in OPTION_NAMES}
    return {**chosen, "sort": chosen["sort"] or DEFAULT_SORT}


@require_GET
@old_page_links
def tag(request, name: str):
    key = grid_key(request, f"tag:{viewer_id(request)}")
    country = viewer_country(request)
    page = lazy(lambda: paged(request, photos_tagged(name, request.user, country=country)))
    return render(request, "feed/tag.html", {"page": page, "tag": name, "grid_key": key})

"""Photo grids rendered once per visibility class and content version, not per request.

A grid page (explore, feed, tag, profile) used to cost a query for the page of photos,
the ORM building thirty models and ~60% of the time rendering thirty cards, for every
signed-in request (bench/README.md, "Signed-in pages"). Now the view hands the template
a lazy page and a key; the template's `{% cache %}` block around the grid and its paging
links looks the key up first, and only a miss evaluates the page.

The key is what decides the grid's content, and nothing else:

- `parts_version()` (web/views/moderation_common.py): the moderation chain head and the
  highest event id, read from the database in one cheap query, so every service write in
  any process (an upload, an edit, a follow, a removal, a rename) changes it at once; plus
  the language, the time zone and the minute, so what only the clock changes (a suspension
  running out) and the rare event committing out of id order are at most a minute behind.
- the viewer's visibility class (`viewer_class`): what of the selector's result depends
  on who is looking. Explore shows public photos only, so every viewer shares one grid
  (but a restricted viewer, who still sees their own photos); a profile's grid depends
  only on the viewer's relation to the member; the feed and tag pages depend on whom the
  viewer follows, so they are per viewer. A shared class's grid is built as for a
  visitor, so it cannot hold anything of the viewer who happened to miss the cache;
- the country (withheld photos), and the request's full path (the page or cursor).
"""

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.utils.functional import SimpleLazyObject

from core.geo import viewer_country
from social.audience_selectors import has_blocks
from web.views.moderation_common import parts_version

GRID_SECONDS = 300


def grid_key(request, viewer_class: str) -> str:
    """Read before any of the page's data, so a cached grid is never older than its key."""
    country = viewer_country(request)
    return f"{parts_version()}|{viewer_class}|{country}|{request.get_full_path()}"


def lazy(build):
    """The page, built only when the template needs it: on a cache miss."""
    return SimpleLazyObject(build)


def viewer_id(request) -> str:
    return str(request.user.pk) if request.user.is_authenticated else "anon"


def explore_viewer(request, key: str) -> tuple[str, object]:
    """Explore shows public photos only, the same for everyone: built as for a visitor, so
    the shared grid holds nothing of the viewer's. A restricted viewer still sees their own
    photos (photos_visible_to), so theirs is a class of its own."""
    user = request.user
    if user.is_authenticated and user.is_restricted:
        return f"own:{user.pk}", user
    if _has_blocks(user, key):  # leaves out the photos of blocked members and blockers
        return f"viewer:{user.pk}", user
    return "public", AnonymousUser()


def _has_blocks(user, key: str) -> bool:
    """Whether the viewer has a block either way, kept under the content version (in
    `key`): a block or unblock logs an event, which moves the version, so the answer is
    never older than the grid it chooses."""
    if not user.is_authenticated:
        return False
    return cache.get_or_set(f"candid:has-blocks:{key}:{user.pk}", lambda: has_blocks(user))


def profile_viewer(request, member, relation) -> tuple[str, object]:
    """A profile shows public photos to all, followers-only ones to followers and everything
    to its owner. Any other viewer's grid is built as for a visitor, so it is exactly the
    one all such viewers share, whatever happens meanwhile; a follower's is built for the
    follower (an unfollow racing it can only show less). A viewer blocked by the member, or
    who blocked them, sees none of their photos (photos_visible_to): the grid built for
    them is empty for every such viewer, so they share one class."""
    user = request.user
    if user.is_authenticated and user.pk == member.pk:
        return f"owner:{member.pk}", user
    if relation.blocked:
        return f"blocked:{member.pk}", user
    if relation.follows:
        return f"follower:{member.pk}", user
    return f"other:{member.pk}", AnonymousUser()

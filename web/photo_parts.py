"""The photo page's shared parts: rendered once per photo and content version.

The photo, its header, description, facts, tags and comment thread are the same for
everyone who may see the photo; only the favourite button, the report and owner links and
the comment forms (each with the viewer's CSRF token) are the viewer's. The template caches
the shared parts under `photo_key` (`{% cache %}` blocks in photos/photo.html), the
content version of web/grid_cache.py plus the photo's id, so any service write shows at
once. The view still fetches the photo itself on every request, through the visibility
selector, with the viewer's favourite state and the count in the same query.

The comment thread carries per-viewer delete buttons for the photo's owner and for each
comment's author, so it is shared only by viewers who have none: whoever is neither the
owner nor one of the thread's authors (kept beside it under the same version).
"""

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache

from photos.selectors import photos_visible_to
from social.selectors import comments_on, favourited_by, with_favourite_counts
from web.views.moderation_common import parts_version

PART_SECONDS = 300


def photo_key(photo_id: int) -> str:
    """Read before the photo, so a cached part is never older than its key."""
    return f"{parts_version()}|{photo_id}"


def photo_for_page(request, photo_id: int, key: str):
    """The photo with `favourite_count` and the viewer's `favourited`, or None if the
    viewer may not see it. A photo every visitor may see (the visibility selector asked
    for a visitor, cached under the key) serves everyone, and the viewer costs one small
    query for their own favourite; any other photo is fetched for the viewer as before."""
    cache_key = f"candid:photo-row:{key}"
    shared = cache.get(cache_key)
    if shared is None:
        visitor = AnonymousUser()
        visible = photos_visible_to(visitor).filter(pk=photo_id)
        shared = with_favourite_counts(visible, visitor).first() or False
        cache.set(cache_key, shared, PART_SECONDS)
    if shared is False:
        visible = photos_visible_to(request.user).filter(pk=photo_id)
        return with_favourite_counts(visible, request.user).first()
    if request.user.is_authenticated:
        shared.favourited = favourited_by(request.user, shared.pk)
    return shared


def comment_controls(request, photo, key: str) -> bool:
    """Whether the viewer sees a delete button in the thread (owner or an author)."""
    user = request.user
    if not user.is_authenticated:
        return False
    if photo.owner_id == user.pk:
        return True
    cache_key = f"candid:photo-commenters:{key}"
    authors = cache.get(cache_key)
    if authors is None:
        authors = frozenset(comments_on(photo).values_list("author_id", flat=True))
        cache.set(cache_key, authors, PART_SECONDS)
    return user.pk in authors

"""What the community likes lately, at a cost that does not grow with the community.

"Popular" is counted over the newest POPULAR_WINDOW favourites only (read newest first by
primary key: one bounded index scan), so a site with a million favourites pays what a
site with a thousand does. The few photos ranked highest are then fetched through the
explore selector, which decides what a visitor may see: public, not removed, not demoted,
not withheld in the viewer's country, owner not restricted.
"""

from collections import Counter

from photos.models import Photo
from photos.selectors import explore_photos
from social.models import Favourite

POPULAR_WINDOW = 1000


def popular_photos(viewer, *, country: str = "", limit: int = 8) -> list[Photo]:
    """The visible public photos favourited most among the newest favourites; ties go to
    the photo favourited most recently."""
    newest = Favourite.objects.order_by("-id").values_list("photo_id", flat=True)
    counts = Counter(newest[:POPULAR_WINDOW])
    ranked = [photo_id for photo_id, _ in counts.most_common(limit * 3)]
    visible = explore_photos(viewer, country=country).filter(pk__in=ranked)
    by_id = {photo.pk: photo for photo in visible}
    return [by_id[photo_id] for photo_id in ranked if photo_id in by_id][:limit]


def recent_photos(viewer, *, country: str = "", limit: int = 12) -> list[Photo]:
    """The newest public photos (the explore page's first photos), one bounded query."""
    return list(explore_photos(viewer, country=country).order_by("-created_at", "-id")[:limit])

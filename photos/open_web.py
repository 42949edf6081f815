"""Reads for the open web: what OpenGraph tags, oEmbed, feeds and the sitemap may carry.

Built on `photos_visible_to` as a visitor sees it, and narrower: what leaves Candid in a
link preview, an embed, a feed reader or a search engine is shown on other sites, in any
country, long after it was fetched. So only photos every visitor may see everywhere are
carried: public, not removed, owner not suspended or terminated (the selector), and not
withheld in any country. The sitemap also leaves out photos demoted by moderation (hidden
from search) and everything of members who asked search engines not to index them.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from accounts.models import User
from photos.models import Album, Photo, Tag, Visibility
from photos.selectors import albums_visible_to, photos_visible_to


def photos_open(queryset: QuerySet[Photo] | None = None) -> QuerySet[Photo]:
    """Photos anyone anywhere may see, optionally within `queryset` (a visitor's view)."""
    photos = photos_visible_to(AnonymousUser()) if queryset is None else queryset
    return photos.filter(withheld_in="")


def photo_is_open(photo: Photo) -> bool:
    """`photos_open`'s rule for a photo already loaded with its owner: no query."""
    return (
        photo.visibility == Visibility.PUBLIC
        and not photo.withheld_in
        and not photo.removed_at
        and not photo.owner.is_restricted
    )


def photo_open(photo_id: int) -> Photo | None:
    return photos_open().filter(pk=photo_id).first()


def album_open(album_id: int) -> Album | None:
    return albums_visible_to(AnonymousUser()).filter(pk=album_id).first()


def album_is_open(album: Album) -> bool:
    return (
        album.visibility == Visibility.PUBLIC
        and not album.removed_at
        and not album.owner.is_restricted
    )


def first_open(photos) -> Photo | None:
    """The first of photos a page already shows (loaded with their owners) that anyone
    anywhere may see: the page's preview image, at no extra query."""
    return next((photo for photo in photos if photo_is_open(photo)), None)


def indexable_photos() -> QuerySet[Photo]:
    return photos_open().filter(demoted=False, owner__search_noindex=False)


def indexable_albums() -> QuerySet[Album]:
    return albums_visible_to(AnonymousUser()).filter(owner__search_noindex=False)


def indexable_members() -> QuerySet[User]:
    """Active members who did not ask not to be indexed, under no suspension or termination."""
    restricted = Q(terminated_at__isnull=False) | Q(suspended_until__gt=timezone.now())
    return User.objects.filter(is_active=True, search_noindex=False).exclude(restricted)


def indexable_tags() -> QuerySet[Tag]:
    """Tags on at least one indexable photo."""
    return Tag.objects.filter(Exists(indexable_photos().filter(tags=OuterRef("pk"))))

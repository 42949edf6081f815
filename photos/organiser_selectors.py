"""Reads of the organiser: the owner's own photos (removed by moderation or not, since
only the owner sees this list), newest first, all of them or those of one album."""

from django.db.models import QuerySet

from photos.models import Album, Photo


def photos_to_organise(owner, *, album: Album | None = None) -> QuerySet[Photo]:
    photos = Photo.objects.filter(owner_id=owner.pk)
    if album is not None:
        photos = photos.filter(album_entries__album=album)
    return photos.order_by("-created_at", "-id")


def photo_ids_to_organise(owner, *, album: Album | None = None, limit: int) -> list[int]:
    """Every id of the list, for "all photos" (at most `limit`, the services' own bound)."""
    return list(photos_to_organise(owner, album=album).values_list("pk", flat=True)[:limit])

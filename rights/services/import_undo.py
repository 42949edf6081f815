"""Removing what an import added, when it fails: exactly the photos and albums its
`ImportItem` rows name, through the photos services (files, renditions and the consent
follow-up included)."""

from photos.models import Album, Photo
from photos.services import album_delete, photo_delete
from rights.models import ImportItem, ImportRun


def import_undo(run: ImportRun) -> int:
    """Returns the number of photos removed."""
    items = ImportItem.objects.filter(run=run)
    photo_ids = items.filter(kind="photo").values_list("target_id", flat=True)
    album_ids = items.filter(kind="album").values_list("target_id", flat=True)
    count = 0
    for photo in Photo.objects.filter(owner=run.user, pk__in=list(photo_ids)):
        photo_delete(actor=run.user, photo=photo)
        count += 1
    for album in Album.objects.filter(owner=run.user, pk__in=list(album_ids)):
        album_delete(actor=run.user, album=album)
    items.delete()
    return count

"""Photos' part of a user's export, import and erasure (see rights/registry.py).

The export streams: one JSON record and one chunk of one original at a time, so an
account with any number of photos needs the same memory. Import goes through
`photo_upload`, so hashes and renditions are made afresh by the receiving instance.
"""

from functools import partial

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Prefetch

from photos.models import Album, AlbumPhoto, Photo, Rendition, Visibility
from photos.services import album_create, album_set_photos, photo_upload

SECTION = "photos"
README = """\
### photos/ and albums/

- `photos/photos.json`: one record per photo: title, description, tags, licence,
  visibility, location choice, format, size, dimensions, SHA-256, capture time, camera,
  position, moderation state, dates, and every rendition (size, dimensions, bytes). The
  `file` of each record names its original in `photos/originals/`.
- `photos/originals/<id>.<ext>`: your original files, byte for byte as uploaded.
- `albums/albums.json`: your albums with title, description, visibility and the ids of
  their photos in album order (ids as in `photos/photos.json`).
"""
CHUNK = 500


def _photos_of(user):
    renditions = Prefetch("renditions", queryset=Rendition.objects.order_by("width"))
    return Photo.objects.filter(owner=user).order_by("id").prefetch_related("tags", renditions)


def _archive_name(photo_id: int, extension: str) -> str:
    return f"photos/originals/{photo_id}.{extension.lower() or 'bin'}"


def _record(photo: Photo) -> dict:
    return {
        "id": photo.pk,
        "file": _archive_name(photo.pk, photo.original.rsplit(".", 1)[-1]),
        "title": photo.title,
        "description": photo.description,
        "alt_text": photo.alt_text,
        "tags": [tag.name for tag in photo.tags.all()],
        "licence": photo.licence,
        "visibility": photo.visibility,
        "show_location": photo.show_location,
        "original_format": photo.original_format,
        "original_bytes": photo.original_bytes,
        "width": photo.width,
        "height": photo.height,
        "sha256": photo.sha256,
        "taken_at": photo.taken_at,
        "camera": photo.camera,
        "latitude": photo.latitude,
        "longitude": photo.longitude,
        "removed_at": photo.removed_at,
        "sensitive": photo.sensitive,
        "withheld_in": [c for c in photo.withheld_in.split(",") if c],
        "created_at": photo.created_at,
        "updated_at": photo.updated_at,
        "renditions": [
            {"size": r.size, "width": r.width, "height": r.height, "bytes": r.bytes}
            for r in photo.renditions.all()
        ],
    }


def export(user, writer) -> None:
    with writer.json_array("photos/photos.json") as out:
        for photo in _photos_of(user).iterator(chunk_size=CHUNK):
            out.append(_record(photo))
    originals = Photo.objects.filter(owner=user).order_by("id").values_list("pk", "original")
    for pk, path in originals.iterator(chunk_size=CHUNK):
        writer.copy_from_storage(_archive_name(pk, path.rsplit(".", 1)[-1]), path)
    with writer.json_array("albums/albums.json") as out:
        for album in Album.objects.filter(owner=user).order_by("id").iterator(chunk_size=CHUNK):
            entries = AlbumPhoto.objects.filter(album=album).order_by("position")
            out.append(
                {
                    "id": album.pk,
                    "title": album.title,
                    "description": album.description,
                    "visibility": album.visibility,
                    "removed_at": album.removed_at,
                    "created_at": album.created_at,
                    "photo_ids": list(entries.values_list("photo_id", flat=True)),
                }
            )


def import_archive(user, reader, report) -> None:
    """Photos removed by a moderation decision at the source are not imported. Each photo
    and album is added through `report.once` (rights.import_steps): an import that resumes
    after its worker died adds none twice, and the member sees `done` of `expect`."""
    records = reader.json("photos/photos.json", [])
    wanted = [r for r in records if not r.get("removed_at") and reader.has(r.get("file", ""))]
    report.expect(len(wanted))
    new_ids = {
        record["id"]: report.once("photo", record["id"], partial(_photo_add, user, reader, record))
        for record in wanted
    }
    albums = 0
    for record in reader.json("albums/albums.json", []):
        if not record.get("removed_at"):
            report.once("album", record["id"], partial(_album_add, user, record, new_ids))
            albums += 1
    report.update(photos=len(new_ids), photos_skipped=len(records) - len(wanted), albums=albums)
    report["photo_id_map"] = new_ids  # for later sections (per-photo consent)


def _photo_add(user, reader, record: dict) -> int:
    with reader.open(record["file"]) as stream:
        return photo_upload(
            owner=user,
            file=stream,
            filename=record["file"].rsplit("/", 1)[-1],
            size=reader.size(record["file"]),
            title=record.get("title", ""),
            description=record.get("description", ""),
            tags=record.get("tags", []),
            licence=record.get("licence", "arr"),
            visibility=record.get("visibility", Visibility.PUBLIC),
            show_location=bool(record.get("show_location")),
        ).pk


def _album_add(user, record: dict, new_ids: dict[int, int]) -> int:
    album = album_create(
        owner=user,
        title=record["title"],
        description=record.get("description", ""),
        visibility=record.get("visibility", Visibility.PUBLIC),
    )
    ids = [new_ids[pid] for pid in record.get("photo_ids", []) if pid in new_ids]
    album_set_photos(actor=user, album=album, photo_ids=ids)
    return album.pk


def erase(user, *, holds) -> dict[str, int]:
    """Deletes every photo and album of the user's that no legal hold keeps; held photos
    and albums are made private until a later run deletes them."""
    photo_ids, held = [], []
    for pk in Photo.objects.filter(owner=user).values_list("pk", flat=True).iterator():
        (held if holds.keeps("photo", pk) else photo_ids).append(pk)
    files: list[str] = []
    for start in range(0, len(photo_ids), CHUNK):
        chunk = photo_ids[start : start + CHUNK]
        files += Photo.objects.filter(pk__in=chunk).values_list("original", flat=True)
        files += Rendition.objects.filter(photo_id__in=chunk).values_list("file", flat=True)
        Photo.objects.filter(pk__in=chunk).delete()
    Photo.objects.filter(pk__in=held).update(visibility=Visibility.PRIVATE)
    albums = Album.objects.filter(owner=user)
    held_albums = [pk for pk in albums.values_list("pk", flat=True) if holds.keeps("album", pk)]
    albums.filter(pk__in=held_albums).update(visibility=Visibility.PRIVATE)
    albums_deleted, _ = albums.exclude(pk__in=held_albums).delete()
    transaction.on_commit(lambda: [default_storage.delete(p) for p in files])
    return {
        "photos_deleted": len(photo_ids),
        "photos_held": len(held),
        "files_deleted": len(files),
        "albums_held": len(held_albums),
    }


STORAGE_PREFIXES = ("originals/", "renditions/")


def stored_files():
    yield from Photo.objects.values_list("original", flat=True).iterator(chunk_size=2000)
    yield from Rendition.objects.values_list("file", flat=True).iterator(chunk_size=2000)

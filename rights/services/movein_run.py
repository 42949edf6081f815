"""The shared step of a move-in (rights.movein): the items an archive reader yields
become photos through `photo_upload` (format checks, renditions, location stripping,
hashes), each committed with its `ImportItem` (rights.import_steps), so a run whose
worker was killed resumes after the last item it committed.

Per item, never for the whole import: a video, an item without its image, a file the
pipeline refuses or one over the size limit is skipped and listed with why; an item
found on Candid already (by its id at the source, or by the SHA-256 of its file) is
counted, not added again. Reaching the quota stops the run (`QuotaReached`), keeping
what it added."""

import hashlib
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from typing import IO

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from accounts.plans import QuotaReached
from accounts.services import profile_update
from core.errors import ServiceError
from core.events import event_record
from core.upload_limits import upload_dir_ensure
from photos.models import Album as PhotoAlbum
from photos.models import ImportedComment, Photo, PhotoOrigin, Visibility
from photos.services import MAX_TAGS, album_create, album_set_photos, parse_tags, photo_upload
from rights.import_steps import ImportSteps
from rights.models import ImportItem, ImportLink, ImportRun
from rights.movein.items import Album, Item, Source, Unavailable
from rights.movein.zip_members import reads_in_place
from rights.services.movein_known import Known

CHUNK = 64 * 1024
SPOOL = 1024 * 1024
DAMAGED = gettext_lazy("The file is damaged in the export (its checksum does not match).")


def movein_import(run: ImportRun, source: Source, steps: ImportSteps) -> None:
    steps.expect(source.count())
    known = Known(run.user, source.service)
    for item in source.items():
        if not steps.seen(item.source_id):
            _item(run, source.service, item, steps, known)
    photo_ids = {**steps.imported("existing"), **steps.imported("photo")}
    for album in source.albums():
        earlier = _earlier_album(run, source.service, album.source_id)
        if earlier is not None:  # imported before: brought up to date, never undone
            make = partial(_album_fill, run.user, earlier, album, photo_ids)
            steps.once("album_kept", album.source_id, make)
        else:
            steps.once("album", album.source_id, partial(_album_add, run.user, album, photo_ids))
    _links(run, source)
    if run.created_user:
        account = source.account()
        profile_update(user=run.user, display_name=account.name, bio=account.description)


def _item(run: ImportRun, service: str, item: Item, steps: ImportSteps, known: Known) -> None:
    """`known` spares the two lookups below for an item certainly new (rights.services.
    movein_known); a possible match is looked up as before."""
    skip = _skip_reason(item)
    if skip:
        steps.once("skipped", item.source_id, lambda: 0, [(item.name, skip, True)])
        return
    existing = (
        _imported_before(run.user, service, item)
        if known.may_have_origin(item.external_id)
        else None
    )
    if existing is not None:
        steps.once("existing", item.source_id, partial(_origin_keep, existing, service, item))
        return
    try:
        with _readable(item) as (stream, digest):
            existing = None
            if known.may_have_hash(digest):
                existing = _one(Photo.objects.filter(owner=run.user, sha256=digest))
            if existing is not None:
                make = partial(_origin_keep, existing, service, item)
                steps.once("existing", item.source_id, make)
                known.add(item.external_id)
                return
            _add(run, service, item, stream, digest, steps)
            known.add(item.external_id, digest)
    except Unavailable as error:  # a fetch that failed: this item only
        steps.once("skipped", item.source_id, lambda: 0, [(item.name, error.message, True)])
    except (zipfile.BadZipFile, zlib.error, EOFError):  # this member only
        steps.once("skipped", item.source_id, lambda: 0, [(item.name, str(DAMAGED), True)])


def _add(
    run: ImportRun, service: str, item: Item, stream: IO[bytes], digest: str, steps: ImportSteps
) -> None:
    notes = [(item.name, note, False) for note in item.notes]
    if not item.metadata:
        notes.append((item.name, _("No data about it in the export: imported as private."), False))
    try:
        make = partial(_photo_add, run, service, item, stream, digest)
        steps.once("photo", item.source_id, make, notes)
    except QuotaReached:
        raise
    except ServiceError as error:
        steps.once("skipped", item.source_id, lambda: 0, [(item.name, error.message, True)])


@contextmanager
def _readable(item: Item) -> Iterator[tuple[IO[bytes], str]]:
    """The item's file for the pipeline, and its SHA-256 (given to `photo_upload`, so the
    file is hashed once). A photo stored uncompressed in a zip is read where it lies
    (rights.movein.zip_members). Any other stream is copied once, in small chunks, and
    hashed on the way: in memory up to SPOOL bytes, else (a camera photo) into a
    temporary file, as Django keeps a large browser upload, because the pipeline seeks
    back and forth, which a compressed member answers by reading it again from its start.
    Not one buffer of the whole photo: with 12-MP photos that made the allocator hand
    memory back and fault it in again for every photo, ~6,500 page faults and ~10 ms a
    photo (bench/movein_speed.py)."""
    with tempfile.SpooledTemporaryFile(max_size=SPOOL, dir=upload_dir_ensure()) as copy:
        with item.open() as stream:
            if reads_in_place(stream):
                digest = hashlib.file_digest(stream, "sha256").hexdigest()
                stream.seek(0)
                yield stream, digest
                return
            running = hashlib.sha256()
            while chunk := stream.read(CHUNK):
                running.update(chunk)
                copy.write(chunk)
        item.size = copy.tell()  # a fetched file's size is known only now
        copy.seek(0)
        yield copy, running.hexdigest()


def _skip_reason(item: Item) -> str:
    if item.skip:
        return item.skip
    if item.video:
        return _("A video: Candid keeps photos only, so it was left out.")
    if item.open is None:
        return _("The export holds no image file for it.")
    if item.size > settings.CANDID_MAX_UPLOAD_BYTES:
        return _("The file is larger than the %(megabytes)s MB limit.") % {
            "megabytes": settings.CANDID_MAX_UPLOAD_BYTES // (1024 * 1024)
        }
    return ""


def _imported_before(user: User, service: str, item: Item) -> Photo | None:
    """The member's photo imported before from the same id at the source."""
    if not item.external_id:
        return None
    origin = _one(
        PhotoOrigin.objects.filter(service=service, external_id=item.external_id, photo__owner=user)
    )
    return origin.photo if origin is not None else None


def _one(rows):
    """Any one matching row, found through the filter's index: `first()` would add
    ORDER BY id, which SQLite answers by walking the whole table in id order (the
    move-in slowed down with every photo on the server, bench/movein_speed.py)."""
    return next(iter(rows.order_by()[:1]), None)


def _origin_keep(photo: Photo, service: str, item: Item) -> int:
    """A photo uploaded before by hand gains its origin, so the dataset check finds it."""
    if item.external_id and not hasattr(photo, "origin"):
        _origin_create(photo, service, item)
    return photo.pk


def _photo_add(run: ImportRun, service: str, item: Item, stream: IO[bytes], digest: str) -> int:
    photo = photo_upload(
        owner=run.user,
        file=stream,
        filename=_plain_name(item.name),
        size=item.size,
        title=item.title,
        description=item.description,
        alt_text=item.alt_text,
        tags=_tags(item.tags),
        licence=item.licence,
        visibility=item.visibility,
        show_location=False,  # geo is kept, hidden until the member chooses
        sha256=digest,
        **_source_facts(item),
    )
    if item.external_id:
        _origin_create(photo, service, item)
    ImportedComment.objects.bulk_create(
        ImportedComment(
            photo=photo,
            author=c.author,
            author_url=c.author_url,
            text=c.text,
            posted_at=c.posted_at,
            position=n,
        )
        for n, c in enumerate(item.comments)
    )
    event_record(
        kind="photo.imported",
        actor=run.user,
        subject=photo,
        data={"source": service, "import_id": run.pk, "licence": item.licence},
    )
    return photo.pk


def _source_facts(item: Item) -> dict:
    """The upload date there becomes `created_at` (the photostream's order), the date
    taken there wins over EXIF (the member may have corrected it), the member's own
    sensitive label is kept, and so is the position there when the file has none
    (hidden: `show_location` stays off). All in photo_upload's INSERT."""
    position = None
    if item.latitude is not None and item.longitude is not None:
        position = (item.latitude, item.longitude)
    return {
        "created_at": item.uploaded_at,
        "taken_at": item.taken_at,
        "sensitive": item.sensitive,
        "fallback_position": position,
    }


def _origin_create(photo: Photo, service: str, item: Item) -> None:
    PhotoOrigin.objects.create(
        photo=photo,
        service=service,
        external_id=item.external_id,
        account_ref=item.account_ref,
        page_url=item.page_url,
        uploaded_at=item.uploaded_at,
    )


def _plain_name(name: str) -> str:
    base = name.rsplit("/", 1)[-1]
    cleaned = "".join(c for c in base if c.isalnum() or c in "._-")[-100:]
    return cleaned.lstrip(".") or "photo.jpg"


def _tags(names: list[str]) -> list[str]:
    kept: list[str] = []
    for name in names:
        kept = list(dict.fromkeys(kept + parse_tags([name])))
        if len(kept) >= MAX_TAGS:
            return kept[:MAX_TAGS]
    return kept


def _earlier_album(run: ImportRun, service: str, source_id: int) -> PhotoAlbum | None:
    items = ImportItem.objects.filter(
        run__user=run.user, run__source=service, kind__in=("album", "album_kept")
    )
    earlier = items.filter(source_id=source_id).exclude(run=run).order_by("-id").first()
    if earlier is None:
        return None
    return PhotoAlbum.objects.filter(pk=earlier.target_id, owner=run.user).first()


def _album_order(album: Album, photo_ids: dict[int, int]) -> list[int]:
    """The album's order, its cover first (Candid's album cover is its first photo every
    visitor may see)."""
    ids = list(dict.fromkeys(photo_ids[p] for p in album.photo_ids if p in photo_ids))
    if album.cover_id in photo_ids and photo_ids[album.cover_id] in ids:
        ids.remove(photo_ids[album.cover_id])
        ids.insert(0, photo_ids[album.cover_id])
    return ids


def _album_fill(user: User, existing: PhotoAlbum, album: Album, photo_ids: dict) -> int:
    ids = _album_order(album, photo_ids)
    kept = list(existing.entries.values_list("photo_id", flat=True))
    album_set_photos(actor=user, album=existing, photo_ids=list(dict.fromkeys(kept + ids)))
    return existing.pk


def _album_add(user: User, album: Album, photo_ids: dict[int, int]) -> int:
    """Public only when it holds a public photo."""
    ids = _album_order(album, photo_ids)
    public = Photo.objects.filter(pk__in=ids, visibility=Visibility.PUBLIC).exists()
    created = album_create(
        owner=user,
        title=album.title,
        description=album.description,
        visibility=Visibility.PUBLIC if public else Visibility.PRIVATE,
    )
    album_set_photos(actor=user, album=created, photo_ids=ids)
    return created.pk


def _links(run: ImportRun, source: Source) -> None:
    with transaction.atomic():
        if ImportLink.objects.filter(run=run).exists():
            return
        ImportLink.objects.bulk_create(
            ImportLink(run=run, kind=link.kind, name=link.name, url=link.url)
            for link in source.links()
        )

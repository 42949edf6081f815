"""Writes for photos and albums. Views, the API and commands call these, never the models."""

import hashlib
import secrets
from collections.abc import Iterable
from datetime import datetime
from typing import IO, NamedTuple

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from accounts.permissions import ensure_can_act, ensure_email_verified
from accounts.plans import ensure_upload_allowed
from accounts.upload_defaults import upload_defaults_for
from core.errors import PermissionDenied, ServiceError
from core.events import event_record
from core.validators import control_character_in, control_character_message
from notifications.services import notify_mentions
from photos.embedded_title import readable_file_name
from photos.licences import LICENCES
from photos.models import ALT_TEXT_MAX_LENGTH, Album, AlbumPhoto, Photo, Rendition, Tag, Visibility
from photos.pipeline import (
    RENDITION_SIZES,
    ProcessedImage,
    RenditionImage,
    process_upload,
    render_from_original,
    render_sizes_from,
)
from photos.signals import photos_deleted

MAX_TAGS = 20


class UploadRejected(ServiceError):
    pass


class UploadTooLarge(UploadRejected):
    status = 413


def photo_upload(
    *,
    owner: User,
    file: IO[bytes],
    filename: str,
    size: int,
    title: str = "",
    description: str = "",
    alt_text: str = "",
    tags: str | list[str] = "",
    licence: str | None = None,
    visibility: str | None = None,
    show_location: bool | None = None,
    title_from_file: bool = False,
    album: Album | None = None,
    created_at: datetime | None = None,
    taken_at: datetime | None = None,
    sensitive: bool = False,
    fallback_position: tuple[float, float] | None = None,
    sha256: str | None = None,
) -> Photo:
    """Validate, process and store one photo. A refused file leaves no row and no file.
    Licence, visibility and "show location" left out (None) are the owner's upload
    defaults (accounts.upload_defaults). `title_from_file`: a blank title becomes the
    title embedded in the file, else the file name made readable (photos.embedded_title).
    `album`: one of the owner's albums, which the photo joins at its end in the same
    transaction.

    Facts a move-in brings from the photo's former home, written by the same INSERT (no
    second statement per photo): `created_at` its date there (None: now), `taken_at`
    the date taken there, which wins over the file's EXIF, `sensitive` the owner's own
    content label, `fallback_position` (latitude, longitude) kept when the file holds
    none (shown only if `show_location`; renditions never carry it). `sha256` the
    digest of `file` a move-in computed as it read it (not hashed a second time)."""
    licence, visibility, show_location = _with_defaults(owner, licence, visibility, show_location)
    ensure_can_act(owner)
    ensure_email_verified(owner)
    ensure_upload_allowed(owner)  # over quota: uploads pause, nothing is deleted
    if album is not None:
        _check_owner(owner, album)
    _check_filename(filename)
    _check_size(size)
    _check_choices(licence=licence, visibility=visibility)
    _check_text(title, description)
    alt_text = _checked_alt_text(alt_text)
    tag_names = parse_tags(tags)
    processed = process_upload(file, show_location=show_location, sha256=sha256)
    if title_from_file and not title.strip():
        title = processed.embedded_title or readable_file_name(filename)
    key = secrets.token_hex(10)
    written: list[str] = []
    try:
        file.seek(0)
        original = default_storage.save(
            f"originals/{owner.pk}/{key}.{processed.extension}", File(file)
        )
        written.append(original)
        rendition_paths = _save_renditions(key, processed.renditions, written)
        with transaction.atomic():
            photo = _create_photo(
                owner,
                original,
                processed,
                title,
                description,
                alt_text,
                licence,
                visibility,
                show_location,
                size,
                _KeptFacts(created_at, taken_at, sensitive, fallback_position),
            )
            if tag_names:  # a new photo has none: no need to read them first, as set() would
                photo.tags.add(*_tags_from(tag_names))
            _create_rendition_rows(photo, processed.renditions, rendition_paths)
            uploaded = {"visibility": visibility, "licence": licence}
            if album is not None:
                album_append(album, [photo.pk])
                uploaded["album"] = album.pk
            event_record(kind="photo.uploaded", actor=owner, subject=photo, data=uploaded)
            notify_mentions(actor=owner, photo=photo, text=description)
    except BaseException:
        for path in written:
            default_storage.delete(path)
        raise
    return photo


def photo_update(
    *,
    actor: User,
    photo: Photo,
    title: str,
    description: str,
    tags: str | list[str],
    licence: str,
    visibility: str,
    show_location: bool,
    alt_text: str | None = None,
) -> Photo:
    """`alt_text` None keeps the photo's alt text as it is."""
    _check_owner(actor, photo)
    ensure_can_act(actor)
    _check_choices(licence=licence, visibility=visibility)
    _check_text(title, description)
    alt_text = photo.alt_text if alt_text is None else _checked_alt_text(alt_text)
    location_changed = photo.show_location != show_location
    mentioned_before = photo.description
    with transaction.atomic():
        photo.title, photo.description, photo.alt_text = title, description, alt_text
        photo.licence, photo.visibility, photo.show_location = licence, visibility, show_location
        photo.save()
        photo.tags.set(_tags_from(tags))
        event_record(
            kind="photo.updated",
            actor=actor,
            subject=photo,
            data={
                "visibility": visibility,
                "licence": licence,
                "show_location": show_location,
                "alt_text": bool(alt_text),
            },
        )
        notify_mentions(actor=actor, photo=photo, text=description, before=mentioned_before)
    if location_changed:
        _rebuild_renditions(photo)
    return photo


DESCRIBED_FIELDS = ("title", "description", "alt_text")


def photos_describe(*, actor: User, changes: dict[Photo, dict[str, str]]) -> None:
    """Several of the owner's photos titled and described at once (after a bulk upload):
    each photo's changed fields among DESCRIBED_FIELDS; all photos or none."""
    for photo in changes:
        _check_owner(actor, photo)
    ensure_can_act(actor)
    checked = {photo: _checked_description(photo, fields) for photo, fields in changes.items()}
    with transaction.atomic():
        for photo, fields in checked.items():
            for name, value in fields.items():
                setattr(photo, name, value)
            photo.save(update_fields=[*fields, "updated_at"])
            event_record(
                kind="photo.updated",
                actor=actor,
                subject=photo,
                data={"described": sorted(fields), "alt_text": bool(photo.alt_text)},
            )


def _checked_description(photo: Photo, fields: dict[str, str]) -> dict[str, str]:
    unknown = set(fields) - set(DESCRIBED_FIELDS)
    if unknown:
        raise ServiceError(_("Only the title, description and alt text are set here."))
    title = fields.get("title", photo.title).strip()
    description = fields.get("description", photo.description).strip()
    _check_text(title, description)
    checked = {k: v.strip() for k, v in fields.items() if k != "alt_text"}
    if "alt_text" in fields:
        checked["alt_text"] = _checked_alt_text(fields["alt_text"])
    return checked


def photo_delete(*, actor: User, photo: Photo) -> None:
    """The owner's own erasure of one photo: rows and every stored file go."""
    _check_owner(actor, photo)
    paths = [photo.original, *photo.renditions.values_list("file", flat=True)]
    photo_id = photo.pk
    with transaction.atomic():
        event_record(kind="photo.deleted", actor=actor, subject=photo)
        photo.delete()
        transaction.on_commit(lambda: [default_storage.delete(p) for p in paths])
        transaction.on_commit(
            lambda: photos_deleted.send(sender=Photo, photo_ids=[photo_id]), robust=True
        )


def album_create(
    *, owner: User, title: str, description: str = "", visibility: str = Visibility.PUBLIC
) -> Album:
    ensure_can_act(owner)
    ensure_email_verified(owner)
    _check_choices(visibility=visibility)
    if not title.strip():
        raise ServiceError(_("An album needs a title."))
    with transaction.atomic():
        album = Album.objects.create(
            owner=owner, title=title.strip(), description=description, visibility=visibility
        )
        event_record(kind="album.created", actor=owner, subject=album)
    return album


def album_update(
    *, actor: User, album: Album, title: str, description: str, visibility: str
) -> Album:
    _check_owner(actor, album)
    ensure_can_act(actor)
    _check_choices(visibility=visibility)
    if not title.strip():
        raise ServiceError(_("An album needs a title."))
    with transaction.atomic():
        album.title, album.description, album.visibility = title.strip(), description, visibility
        album.save()
        event_record(kind="album.updated", actor=actor, subject=album)
    return album


def album_set_photos(*, actor: User, album: Album, photo_ids: list[int]) -> Album:
    """Replace the album's contents with these of the owner's photos, in this order."""
    _check_owner(actor, album)
    ensure_can_act(actor)
    if len(set(photo_ids)) != len(photo_ids):
        raise ServiceError(_("A photo can appear only once in an album."))
    owned = set(Photo.objects.filter(owner=actor, pk__in=photo_ids).values_list("pk", flat=True))
    if owned != set(photo_ids):
        raise PermissionDenied(_("Only your own photos can go in your album."))
    with transaction.atomic():
        album.entries.all().delete()
        AlbumPhoto.objects.bulk_create(
            AlbumPhoto(album=album, photo_id=pid, position=i) for i, pid in enumerate(photo_ids)
        )
        event_record(
            kind="album.photos_set", actor=actor, subject=album, data={"count": len(photo_ids)}
        )
    return album


def album_append(album: Album, photo_ids: list[int]) -> int:
    """Add photos at the album's end, leaving out those already in it; returns how many
    were added. Callers check ownership and log the event, in their transaction."""
    present = set(album.entries.filter(photo_id__in=photo_ids).values_list("photo_id", flat=True))
    new = [pid for pid in dict.fromkeys(photo_ids) if pid not in present]
    last = album.entries.order_by("-position").values_list("position", flat=True).first()
    start = -1 if last is None else last
    AlbumPhoto.objects.bulk_create(
        AlbumPhoto(album=album, photo_id=pid, position=start + 1 + i) for i, pid in enumerate(new)
    )
    return len(new)


def album_delete(*, actor: User, album: Album) -> None:
    """Deleting an album never deletes its photos."""
    _check_owner(actor, album)
    with transaction.atomic():
        event_record(kind="album.deleted", actor=actor, subject=album)
        album.delete()


def parse_tags(tags: str | list[str]) -> list[str]:
    raw = tags.replace(",", " ").split() if isinstance(tags, str) else tags
    names = list(dict.fromkeys(slugify(t.lstrip("#"), allow_unicode=True)[:50] for t in raw))
    names = [n for n in names if n]
    if len(names) > MAX_TAGS:
        raise ServiceError(
            ngettext(
                "A photo can have at most %(count)d tag.",
                "A photo can have at most %(count)d tags.",
                MAX_TAGS,
            )
            % {"count": MAX_TAGS}
        )
    return names


def _tags_from(tags: str | list[str]) -> list[Tag]:
    return [Tag.objects.get_or_create(name=name)[0] for name in parse_tags(tags)]


def _create_photo(
    owner,
    original,
    processed: ProcessedImage,
    title,
    description,
    alt_text,
    licence,
    visibility,
    show_location,
    size,
    kept: "_KeptFacts",
) -> Photo:
    latitude, longitude = processed.latitude, processed.longitude
    if latitude is None and kept.fallback_position is not None:
        latitude, longitude = kept.fallback_position
    return Photo.objects.create(
        owner=owner,
        title=title.strip(),
        description=description.strip(),
        alt_text=alt_text,
        licence=licence,
        visibility=visibility,
        show_location=show_location,
        original=original,
        original_format=processed.format,
        original_bytes=size,
        width=processed.width,
        height=processed.height,
        sha256=processed.sha256,
        pdq_hash=processed.pdq_hash,
        pdq_quality=processed.pdq_quality,
        taken_at=kept.taken_at or processed.taken_at,
        camera=processed.camera,
        latitude=latitude,
        longitude=longitude,
        rendition_sizes=sizes_text(r.size for r in processed.renditions),
        sensitive=kept.sensitive,
        created_at=kept.created_at or timezone.now(),
    )


class _KeptFacts(NamedTuple):
    """photo_upload's facts from a photo's former home (see there)."""

    created_at: datetime | None
    taken_at: datetime | None
    sensitive: bool
    fallback_position: tuple[float, float] | None


def sizes_text(names: Iterable[str]) -> str:
    """`Photo.rendition_sizes` for renditions of these sizes, largest first."""
    made = set(names)
    return ",".join(size for size in RENDITION_SIZES if size in made)


def _save_renditions(key: str, renditions: list[RenditionImage], written: list[str]) -> dict:
    paths = {}
    for rendition in renditions:
        path = default_storage.save(
            f"renditions/{key}/{rendition.size}.jpg", ContentFile(rendition.data)
        )
        written.append(path)
        paths[rendition.size] = path
    return paths


def _create_rendition_rows(photo: Photo, renditions: list[RenditionImage], paths: dict) -> None:
    Rendition.objects.bulk_create(
        Rendition(
            photo=photo,
            size=r.size,
            width=r.width,
            height=r.height,
            file=paths[r.size],
            bytes=len(r.data),
            etag=hashlib.sha256(r.data).hexdigest()[:32],
        )
        for r in renditions
    )


def _rebuild_renditions(photo: Photo) -> None:
    with default_storage.open(photo.original, "rb") as original:
        renditions = render_from_original(original, show_location=photo.show_location)
    key = secrets.token_hex(10)
    written: list[str] = []
    paths = _save_renditions(key, renditions, written)
    old = list(photo.renditions.values_list("file", flat=True))
    with transaction.atomic():
        photo.renditions.all().delete()
        _create_rendition_rows(photo, renditions, paths)
        photo.rendition_version += 1
        photo.rendition_sizes = sizes_text(r.size for r in renditions)
        photo.save(update_fields=["rendition_version", "rendition_sizes"])
        transaction.on_commit(lambda: [default_storage.delete(p) for p in old])


def rendition_backfill(*, photo: Photo) -> list[str]:
    """Make the rendition sizes this photo lacks (a size added after it was uploaded),
    scaled from its "medium" rendition as the upload cascade would. The photo's key and
    URLs stay as they are: a new size is a new file under the same key, and srcset offers
    it once `rendition_sizes` names it. Returns the sizes made."""
    have = set(photo.rendition_sizes.split(","))
    missing = [s for s in RENDITION_SIZES if s not in have and RENDITION_SIZES[s] < 1000]
    source = photo.renditions.filter(size="medium").first()
    if not missing or source is None:
        return []
    with default_storage.open(source.file, "rb") as stored:
        renditions = render_sizes_from(stored, missing, show_location=photo.show_location)
    written: list[str] = []
    paths = _save_renditions(secrets.token_hex(10), renditions, written)
    try:
        with transaction.atomic():
            locked = Photo.objects.select_for_update().filter(pk=photo.pk).first()
            if locked is None or set(locked.rendition_sizes.split(",")) != have:
                raise _Raced
            _create_rendition_rows(locked, renditions, paths)
            locked.rendition_sizes = sizes_text([*have, *(r.size for r in renditions)])
            locked.save(update_fields=["rendition_sizes"])
    except BaseException as error:
        for path in written:
            default_storage.delete(path)
        if isinstance(error, _Raced):
            return []
        raise
    photo.rendition_sizes = locked.rendition_sizes
    return [r.size for r in renditions]


class _Raced(Exception):
    """The photo's renditions changed (or it was deleted) while the missing ones were
    made: leave it as it now is."""


def rendition_version_bump(*, photo_ids: list[int] | None = None, owner: User | None = None) -> int:
    """A new version (and so a new rendition URL key, photos.rendition_keys) for the given
    photos, or for every photo of `owner`: called by every consent change, in its
    transaction, because the served files and headers carry the consent. One statement
    however many photos; the consent change records its own events. Returns the count."""
    if owner is None and photo_ids is None:
        raise ServiceError(_("Name the photos or their owner."))
    photos = Photo.objects.all()
    if owner is not None:
        photos = photos.filter(owner=owner)
    if photo_ids is not None:
        photos = photos.filter(pk__in=photo_ids)
    return photos.update(rendition_version=F("rendition_version") + 1)


def _check_filename(filename: str) -> None:
    """Stored names are generated, but a name that tries a path trick says enough to refuse."""
    if (
        not filename
        or "/" in filename
        or "\\" in filename
        or ".." in filename
        or any(ord(c) < 32 for c in filename)
    ):
        raise UploadRejected(_("The file name is not acceptable: use a plain name like photo.jpg."))


def _check_size(size: int) -> None:
    limit = settings.CANDID_MAX_UPLOAD_BYTES
    if size > limit:
        megabytes = limit // (1024 * 1024)
        raise UploadTooLarge(
            _("The file is larger than the %(megabytes)s MB limit.") % {"megabytes": megabytes}
        )
    if size == 0:
        raise UploadRejected(_("The file is empty."))


def _with_defaults(owner: User, licence, visibility, show_location) -> tuple[str, str, bool]:
    defaults = upload_defaults_for(owner)
    return (
        defaults.licence if licence is None else licence,
        defaults.visibility if visibility is None else visibility,
        defaults.show_location if show_location is None else show_location,
    )


def _check_choices(*, licence: str | None = None, visibility: str | None = None) -> None:
    if licence is not None and licence not in LICENCES:
        raise ServiceError(
            _("Unknown licence “%(licence)s”. Choose one of: %(choices)s.")
            % {"licence": licence, "choices": ", ".join(LICENCES)}
        )
    if visibility is not None and visibility not in Visibility.values:
        raise ServiceError(
            _("Unknown visibility “%(visibility)s”. Choose one of: %(choices)s.")
            % {"visibility": visibility, "choices": ", ".join(Visibility.values)}
        )


def _check_text(title: str, description: str) -> None:
    if len(title) > 200 or len(description) > 5000:
        raise ServiceError(_("The title is limited to 200 characters, the description to 5000."))


def _checked_alt_text(alt_text: str) -> str:
    """Plain text like the description (core.validators), checked here too so that no
    interface is the only guard; stored stripped."""
    code_point = control_character_in(alt_text)
    if code_point:
        raise ServiceError(
            _("Alt text: %(problem)s") % {"problem": control_character_message(code_point)}
        )
    alt_text = alt_text.strip()
    if len(alt_text) > ALT_TEXT_MAX_LENGTH:
        raise ServiceError(
            _("The alt text is limited to %(limit)s characters; this one has %(length)s.")
            % {"limit": _grouped(ALT_TEXT_MAX_LENGTH), "length": _grouped(len(alt_text))}
        )
    return alt_text


def _grouped(number: int) -> str:
    return number_format(number, force_grouping=True)


def _check_owner(actor: User, obj) -> None:
    if obj.owner_id != actor.pk:
        raise PermissionDenied(_("Only the owner can change this."))


def rendition_backfill_batch(*, after_id: int, limit: int) -> tuple[int, int | None]:
    """`rendition_backfill` for up to `limit` photos after `after_id` that lack a size,
    in id order (a keyset: each batch costs the same). Returns how many gained a size and
    the last id looked at, None when no photo is left."""
    full = sizes_text(RENDITION_SIZES)
    batch = list(
        Photo.objects.filter(pk__gt=after_id).exclude(rendition_sizes=full).order_by("pk")[:limit]
    )
    made = sum(1 for photo in batch if rendition_backfill(photo=photo))
    return made, (batch[-1].pk if len(batch) == limit else None)

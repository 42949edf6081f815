"""The organiser's writes: one change to many of the owner's photos in one step.

One service per action. Each checks every id first (object-level permission: a photo
that is not the actor's, or no longer exists, refuses the whole batch and changes
nothing) and the value, then either applies the change in one transaction, logging one
event per photo, or — past INLINE_LIMIT photos — logs that it was asked for and leaves
the work to the worker (`photos.tasks.photos_bulk_task`), which applies it to those of the
photos that are still the owner's.

What a change of visibility or licence needs besides the row: nothing written here. The
rendition URL key is an HMAC of both (photos/rendition_keys.py), so every URL changes at
once and a photo made private is no longer served under its old one; grids and pages are
cached under the event log's head (web/grid_cache.py), which the events move.
"""

from dataclasses import dataclass

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from accounts.permissions import ensure_can_act
from core.errors import PermissionDenied, ServiceError
from core.events import event_record, events_record
from core.tasks import task_enqueue
from photos.models import Album, Photo, Rendition
from photos.services import MAX_TAGS, _check_choices, _tags_from, album_append, parse_tags
from photos.signals import photos_deleted

INLINE_LIMIT = 100
MAX_PHOTOS = 10_000
TAGS_ADD, TAGS_REMOVE, LICENCE, VISIBILITY, ALBUM, DELETE = (
    "tags_add",
    "tags_remove",
    "licence",
    "visibility",
    "album",
    "delete",
)
ACTIONS = (TAGS_ADD, TAGS_REMOVE, LICENCE, VISIBILITY, ALBUM, DELETE)


@dataclass(frozen=True)
class BulkResult:
    """`count` photos changed now, or, when `queued`, to be changed by the worker."""

    action: str
    count: int
    queued: bool = False


def photos_tags_add(*, actor: User, photo_ids: list[int], tags: str | list[str]) -> BulkResult:
    ids = _checked_ids(actor, photo_ids)
    names = _tag_names(tags)
    _check_tag_room(ids, names)
    return _run(actor, TAGS_ADD, ids, names)


def photos_tags_remove(*, actor: User, photo_ids: list[int], tags: str | list[str]) -> BulkResult:
    ids = _checked_ids(actor, photo_ids)
    return _run(actor, TAGS_REMOVE, ids, _tag_names(tags))


def photos_licence_set(*, actor: User, photo_ids: list[int], licence: str) -> BulkResult:
    ids = _checked_ids(actor, photo_ids)
    _check_choices(licence=licence)
    return _run(actor, LICENCE, ids, licence)


def photos_visibility_set(*, actor: User, photo_ids: list[int], visibility: str) -> BulkResult:
    ids = _checked_ids(actor, photo_ids)
    _check_choices(visibility=visibility)
    return _run(actor, VISIBILITY, ids, visibility)


def photos_album_add(*, actor: User, photo_ids: list[int], album_id: int) -> BulkResult:
    ids = _checked_ids(actor, photo_ids)
    if not Album.objects.filter(pk=album_id, owner_id=actor.pk).exists():
        raise PermissionDenied(_("Photos can only be added to your own albums."))
    return _run(actor, ALBUM, ids, album_id)


def photos_delete(*, actor: User, photo_ids: list[int]) -> BulkResult:
    """The owner's own erasure of these photos: rows and every stored file go."""
    ids = _checked_ids(actor, photo_ids)
    return _run(actor, DELETE, ids, None)


def photos_bulk_apply(*, actor_id: int, action: str, photo_ids: list[int], value) -> int:
    """The worker's half of a queued change: those of the photos still the owner's (one
    deleted meanwhile is left out), in one transaction. Returns how many were changed."""
    actor = User.objects.get(pk=actor_id)
    ensure_can_act(actor)
    ids = list(Photo.objects.filter(owner=actor, pk__in=photo_ids).values_list("pk", flat=True))
    if action == TAGS_ADD:
        _check_tag_room(ids, value)
    with transaction.atomic():
        _APPLY[action](actor, ids, value)
    return len(ids)


def _run(actor: User, action: str, ids: list[int], value) -> BulkResult:
    if len(ids) <= INLINE_LIMIT:
        with transaction.atomic():
            _APPLY[action](actor, ids, value)
        return BulkResult(action, len(ids))
    with transaction.atomic():
        event_record(
            kind="photos.bulk_queued", actor=actor, data={"action": action, "count": len(ids)}
        )
        transaction.on_commit(
            lambda: task_enqueue("photos.tasks.photos_bulk_task", actor.pk, action, ids, value)
        )
    return BulkResult(action, len(ids), queued=True)


def _checked_ids(actor: User, photo_ids: list[int]) -> list[int]:
    """Every id one of the actor's photos, or nothing is done (object-level permission)."""
    ensure_can_act(actor)
    ids = list(dict.fromkeys(photo_ids))
    if not ids:
        raise ServiceError(_("Choose at least one photo."))
    if len(ids) > MAX_PHOTOS:
        raise ServiceError(
            _("At most %(limit)s photos can be changed in one step.") % {"limit": MAX_PHOTOS}
        )
    owned = set(Photo.objects.filter(owner=actor, pk__in=ids).values_list("pk", flat=True))
    foreign = len(ids) - len(owned)
    if foreign:
        raise PermissionDenied(
            ngettext(
                "%(count)s of the chosen photos is not yours or no longer exists: nothing was "
                "changed.",
                "%(count)s of the chosen photos are not yours or no longer exist: nothing was "
                "changed.",
                foreign,
            )
            % {"count": foreign}
        )
    return ids


def _tag_names(tags: str | list[str]) -> list[str]:
    names = parse_tags(tags)
    if not names:
        raise ServiceError(_("Name at least one tag."))
    return names


def _check_tag_room(ids: list[int], names: list[str]) -> None:
    """No photo may end up with more than MAX_TAGS tags."""
    through = Photo.tags.through.objects.filter(photo_id__in=ids)
    have = dict(
        through.values_list("photo_id").annotate(n=Count("id")).values_list("photo_id", "n")
    )
    present = set(through.filter(tag__name__in=names).values_list("photo_id", "tag__name"))
    for pid in ids:
        if have.get(pid, 0) + sum((pid, n) not in present for n in names) > MAX_TAGS:
            photo = Photo.objects.get(pk=pid)
            raise ServiceError(
                _("“%(photo)s” would have more than %(limit)s tags: nothing was changed.")
                % {"photo": photo, "limit": MAX_TAGS}
            )


def _log(actor: User, ids: list[int], action: str, data: dict | None = None) -> None:
    photos = Photo.objects.filter(pk__in=ids).only("pk")
    events_record(
        [
            {
                "kind": "photo.updated",
                "actor": actor,
                "subject": p,
                "data": {"bulk": action, **(data or {})},
            }
            for p in photos
        ]
    )


def _apply_tags_add(actor: User, ids: list[int], names: list[str]) -> None:
    tags = _tags_from(names)
    Through = Photo.tags.through
    Through.objects.bulk_create(
        [Through(photo_id=pid, tag_id=tag.pk) for pid in ids for tag in tags],
        ignore_conflicts=True,
    )
    Photo.objects.filter(pk__in=ids).update(updated_at=timezone.now())
    _log(actor, ids, TAGS_ADD, {"tags": len(names)})


def _apply_tags_remove(actor: User, ids: list[int], names: list[str]) -> None:
    Photo.tags.through.objects.filter(photo_id__in=ids, tag__name__in=names).delete()
    Photo.objects.filter(pk__in=ids).update(updated_at=timezone.now())
    _log(actor, ids, TAGS_REMOVE, {"tags": len(names)})


def _apply_licence(actor: User, ids: list[int], licence: str) -> None:
    Photo.objects.filter(pk__in=ids).update(licence=licence, updated_at=timezone.now())
    _log(actor, ids, LICENCE, {"licence": licence})


def _apply_visibility(actor: User, ids: list[int], visibility: str) -> None:
    Photo.objects.filter(pk__in=ids).update(visibility=visibility, updated_at=timezone.now())
    _log(actor, ids, VISIBILITY, {"visibility": visibility})


def _apply_album(actor: User, ids: list[int], album_id: int) -> None:
    album = Album.objects.select_for_update().filter(pk=album_id, owner_id=actor.pk).first()
    if album is None:  # deleted before the worker came to it
        return
    added = album_append(album, ids)
    event_record(kind="album.photos_added", actor=actor, subject=album, data={"count": added})


def _apply_delete(actor: User, ids: list[int], _value=None) -> None:
    photos = list(Photo.objects.filter(pk__in=ids).only("pk", "original"))
    paths = [p.original for p in photos]
    paths += Rendition.objects.filter(photo_id__in=ids).values_list("file", flat=True)
    events_record([{"kind": "photo.deleted", "actor": actor, "subject": p} for p in photos])
    Photo.objects.filter(pk__in=ids).delete()
    transaction.on_commit(lambda: [default_storage.delete(p) for p in paths])
    transaction.on_commit(
        lambda: photos_deleted.send(sender=Photo, photo_ids=list(ids)), robust=True
    )


_APPLY = {
    TAGS_ADD: _apply_tags_add,
    TAGS_REMOVE: _apply_tags_remove,
    LICENCE: _apply_licence,
    VISIBILITY: _apply_visibility,
    ALBUM: _apply_album,
    DELETE: _apply_delete,
}

"""Keeping the photo search index in step where triggers should not: an owner's new name.

A trigger on accounts_user would rewrite every one of the owner's photo documents inside
the request that renamed them (thousands of rows for a busy account). Instead the rename
schedules `photo_search_owner_refresh_task`, which rewrites them in batches of
`BATCH`, each its own short transaction. Until it has run, the photos are found under the
old name; the person is found under the new one at once (people search reads the user)."""

from django.db import connection, transaction

from core.tasks import task_enqueue
from photos import favourite_tally, search_schema
from photos.models import Photo

BATCH = 1000
_NAME_FIELDS = {"display_name", "username"}


def on_migrated(sender, using="default", **kwargs) -> None:
    from django.db import connections

    search_schema.ensure_sqlite_triggers(connections[using])
    favourite_tally.ensure_sqlite_triggers(connections[using])


def on_user_saved(sender, instance, created: bool, update_fields=None, **kwargs) -> None:
    if created or (update_fields is not None and not _NAME_FIELDS & set(update_fields)):
        return
    owner_id = instance.pk
    transaction.on_commit(
        lambda: task_enqueue("photos.tasks.photo_search_owner_refresh_task", owner_id)
    )


def search_owner_refresh(*, owner_id: int) -> int:
    """Rewrite the owner's photo documents with their current name; returns how many."""
    done, last = 0, 0
    while True:
        ids = list(
            Photo.objects.filter(owner_id=owner_id, pk__gt=last)
            .order_by("pk")
            .values_list("pk", flat=True)[:BATCH]
        )
        if not ids:
            return done
        with transaction.atomic():
            _refresh(ids)
        done, last = done + len(ids), ids[-1]


def _refresh(ids: list[int]) -> None:
    marks = ", ".join(["%s"] * len(ids))
    if connection.vendor == "postgresql":
        document = "photos_search_document(id, title, description, owner_id)"
        sql = f"UPDATE photos_photo SET search_document = {document} WHERE id IN ({marks})"  # noqa: S608
    else:
        name = search_schema.SQLITE_OWNER_NAME.format(
            owner="(SELECT owner_id FROM photos_photo p WHERE p.id = photo_id)"
        )
        sql = f"UPDATE photos_search_doc SET owner_name = {name} WHERE photo_id IN ({marks})"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, ids)

"""Background tasks of the photos app (django-tasks). Tasks are an interface: they call
services and nothing else."""

from django_tasks import task

from photos.bulk import photos_bulk_apply
from photos.search_index import search_owner_refresh
from photos.services import rendition_backfill_batch


@task()
def photo_search_owner_refresh_task(owner_id: int) -> int:
    return search_owner_refresh(owner_id=owner_id)


BACKFILL_BATCH = 50


@task()
def rendition_backfill_task(after_id: int = 0) -> int:
    """Up to BACKFILL_BATCH photos after `after_id` get the rendition sizes they lack;
    the task then enqueues itself for the next batch (manage.py rendition_backfill
    starts it). Returns how many photos gained a size."""
    photos, last = rendition_backfill_batch(after_id=after_id, limit=BACKFILL_BATCH)
    if last is not None:
        rendition_backfill_task.enqueue(after_id=last)
    return photos


@task()
def photos_bulk_task(actor_id: int, action: str, photo_ids: list[int], value) -> int:
    """An organiser change to more photos than a request should handle (photos.bulk)."""
    return photos_bulk_apply(actor_id=actor_id, action=action, photo_ids=photo_ids, value=value)

"""Background tasks of the photos app (django-tasks). Tasks are an interface: they call
services and nothing else."""

from django_tasks import task

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

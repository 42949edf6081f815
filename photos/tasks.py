"""Background tasks of the photos app (django-tasks). Tasks are an interface: they call
services and nothing else."""

from django_tasks import task

from photos.bulk import photos_bulk_apply
from photos.search_index import search_owner_refresh


@task()
def photo_search_owner_refresh_task(owner_id: int) -> int:
    return search_owner_refresh(owner_id=owner_id)


@task()
def photos_bulk_task(actor_id: int, action: str, photo_ids: list[int], value) -> int:
    """An organiser change to more photos than a request should handle (photos.bulk)."""
    return photos_bulk_apply(actor_id=actor_id, action=action, photo_ids=photo_ids, value=value)

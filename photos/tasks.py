"""Background tasks of the photos app (django-tasks). Tasks are an interface: they call
services and nothing else."""

from django_tasks import task

from photos.search_index import search_owner_refresh


@task()
def photo_search_owner_refresh_task(owner_id: int) -> int:
    return search_owner_refresh(owner_id=owner_id)

"""Background tasks of the rights app (django-tasks). Tasks are an interface: they call
services and nothing else."""

from django_tasks import task

from core.tasks import retried
from rights.services.exports import export_build
from rights.services.upkeep import rights_upkeep


# One try: a build whose worker died is the export lease's to reclaim (core/leases.py),
# so the worker's orphan sweep fails its task row instead of running it again.
@retried(attempts=1)
@task()
def export_build_task(export_id: int) -> str:
    export = export_build(export_id=export_id)
    return export.state if export else "discarded"  # erased or reclaimed meanwhile


@task()
def rights_upkeep_task() -> dict:
    return rights_upkeep()

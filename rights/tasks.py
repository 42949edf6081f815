"""Background tasks of the rights app (django-tasks). Tasks are an interface: they call
services and nothing else."""

from django_tasks import task

from core.tasks import retried
from rights.services.exports import export_build
from rights.services.import_run import archive_import_run
from rights.services.upkeep import rights_upkeep


# One try: a build whose worker died is the export lease's to reclaim (core/leases.py),
# so the worker's orphan sweep fails its task row instead of running it again.
@retried(attempts=1)
@task()
def export_build_task(export_id: int) -> str:
    export = export_build(export_id=export_id)
    return export.state if export else "discarded"  # erased or reclaimed meanwhile


# One try, likewise: an import whose worker died is queued again by its lease's reclaim
# step (rights.services.imports) and resumes after the last photo it committed.
@retried(attempts=1)
@task()
def archive_import_task(import_id: int) -> str:
    run = archive_import_run(import_id=import_id)
    return run.state if run else "skipped"  # another worker holds it, or it ended


@task()
def rights_upkeep_task() -> dict:
    return rights_upkeep()

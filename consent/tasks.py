"""Background tasks of the consent app (django-tasks). Tasks are an interface: they call
services and nothing else."""

from django_tasks import task

from consent.services.propagation_runs import propagation_run
from core.tasks import retried


# One try: a run whose worker died is its lease's to reclaim (core/leases.py), which
# queues it again to resume; the worker's orphan sweep fails the dead task row instead.
@retried(attempts=1)
@task()
def propagation_run_task(propagation_id: int) -> str:
    run = propagation_run(propagation_id=propagation_id)
    return run.state if run else "skipped"

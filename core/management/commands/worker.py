"""manage.py worker: the task worker (django-tasks-db's `db_worker`, same options), which
first reclaims every job whose worker died (core.leases): a worker restarted after a
crash picks up, or fails with a message, what the crashed one left."""

from django_tasks_db.management.commands.db_worker import Command as DbWorker

from core.leases import reclaim_stale_jobs


class Command(DbWorker):
    help = "Reclaim stale jobs, then run the background task worker (see db_worker)."

    def handle(self, *args, **options):
        reclaimed = reclaim_stale_jobs()
        self.stdout.write(f"Reclaimed stale jobs: {reclaimed}")
        return super().handle(*args, **options)

"""manage.py rights_upkeep: reclaim jobs whose worker died, delete expired export
archives and carry out due erasures. Run it from cron (e.g. hourly), or enqueue
rights.tasks.rights_upkeep_task."""

from django.core.management.base import BaseCommand

from rights.services.upkeep import rights_upkeep


class Command(BaseCommand):
    help = "Reclaim stale jobs, delete expired data exports and carry out due erasures."

    def handle(self, *args, **options):
        done = rights_upkeep()
        self.stdout.write(
            f"{done['jobs_reclaimed']} stale jobs reclaimed, "
            f"{done['exports_expired']} exports expired, {done['erasures_run']} erasures run, "
            f"{done['orphans_swept']} orphaned files deleted."
        )

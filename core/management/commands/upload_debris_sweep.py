"""manage.py upload_debris_sweep: delete upload files a killed process left behind.
Scheduled by the task worker (core/scheduler.py); run it from cron where no worker runs."""

from django.core.management.base import BaseCommand

from core.upload_limits import DEBRIS_MINUTES, upload_debris_sweep


class Command(BaseCommand):
    help = "Delete partial or abandoned upload files in CANDID_DATA_DIR/tmp/uploads."

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=float,
            default=DEBRIS_MINUTES,
            help=f"Only files untouched for this many minutes (default {DEBRIS_MINUTES}).",
        )

    def handle(self, *args, **options):
        removed = upload_debris_sweep(older_than_minutes=options["older_than"])
        self.stdout.write(f"{removed} abandoned upload files deleted.")

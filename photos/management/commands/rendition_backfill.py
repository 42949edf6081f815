"""manage.py rendition_backfill: give photos uploaded before a rendition size existed
(the 500 px tile) that size, in batches through the worker. Run once after upgrading."""

from django.core.management.base import BaseCommand

from photos.services import rendition_backfill_batch
from photos.tasks import BACKFILL_BATCH, rendition_backfill_task


class Command(BaseCommand):
    help = "Make the rendition sizes older photos lack (through the worker, or --now here)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--now", action="store_true", help="Work here and now instead of in the worker."
        )

    def handle(self, *args, **options):
        if not options["now"]:
            rendition_backfill_task.enqueue(after_id=0)
            self.stdout.write("Rendition backfill enqueued for the worker.")
            return
        made, last = 0, 0
        while last is not None:
            done, last = rendition_backfill_batch(after_id=last, limit=BACKFILL_BATCH)
            made += done
        self.stdout.write(f"{made} photos gained missing rendition sizes.")

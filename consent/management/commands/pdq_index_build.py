"""`manage.py pdq_index_build`: write a new PDQ index checkpoint for the web processes to
map (the worker runs it on a schedule and after manifest imports)."""

from django.core.management.base import BaseCommand

from consent.services.pdq_index import pdq_index_build


class Command(BaseCommand):
    help = "Build the PDQ index checkpoint web processes memory-map."

    def handle(self, *args, **options):
        checkpoint = pdq_index_build()
        self.stdout.write(f"pdq index: version {checkpoint.version} at {checkpoint.path}")

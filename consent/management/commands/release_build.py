"""`manage.py release_build DATASET_NAME [--publish]`: build the next numbered release of a
dataset from the photos eligible now, and print its id and row count."""

from django.core.management.base import BaseCommand, CommandError

from consent.models import Dataset
from consent.services.releases import release_build
from core.errors import ServiceError


class Command(BaseCommand):
    help = "Build the next release of a dataset (by name)."

    def add_arguments(self, parser):
        parser.add_argument("dataset")

    def handle(self, *args, dataset: str, **options):
        found = Dataset.objects.filter(name=dataset).first()
        if found is None:
            raise CommandError(f"No dataset named “{dataset}”.")
        try:
            release = release_build(actor=None, dataset=found)
        except ServiceError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            f"release {release.pk}: {found.name} v{release.number}, {release.row_count} rows"
        )
        if release.withdrawn_meanwhile:
            self.stdout.write(
                f"{release.withdrawn_meanwhile} photos left out: consent withdrawn meanwhile"
            )

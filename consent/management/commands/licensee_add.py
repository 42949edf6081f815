"""`manage.py licensee_add ORGANISATION --email E --terms-file F [--dataset NAME ...]`

Registers a dataset licensee and prints its API token on stdout, once; only its hash is
stored."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from consent.models import Dataset
from consent.services.licensees import licensee_add
from core.errors import ServiceError


class Command(BaseCommand):
    help = "Register a dataset licensee and print its API token."

    def add_arguments(self, parser):
        parser.add_argument("organisation")
        parser.add_argument("--email", required=True)
        parser.add_argument("--terms-file", required=True, type=Path)
        parser.add_argument("--dataset", action="append", default=[])

    def handle(self, *args, organisation, email, terms_file: Path, dataset, **options):
        if not terms_file.is_file():
            raise CommandError(f"No terms file at {terms_file}.")
        datasets = list(Dataset.objects.filter(name__in=dataset))
        missing = set(dataset) - {d.name for d in datasets}
        if missing:
            raise CommandError(f"No dataset named: {', '.join(sorted(missing))}.")
        try:
            _, secret = licensee_add(
                actor=None,
                organisation=organisation,
                contact_email=email,
                terms=terms_file.read_text(),
                datasets=datasets,
            )
        except ServiceError as error:
            raise CommandError(error.message) from None
        self.stdout.write(secret)

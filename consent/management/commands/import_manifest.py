"""Import a third-party dataset manifest: `manage.py import_manifest FILE --dataset NAME
--version V --contact EMAIL`. Prints a progress line per batch, then the count of rows
imported and of rows refused, with the first refused line numbers and reasons."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from consent.services.manifests import manifest_import
from core.errors import ServiceError


class Command(BaseCommand):
    help = "Import an external dataset manifest (CSV, JSON Lines or Parquet)."

    def create_parser(self, prog_name, subcommand, **kwargs):
        # --version is the dataset's version here, not Django's.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dataset", required=True, help="Dataset name, e.g. MegaFace")
        parser.add_argument("--version", dest="dataset_version", required=True)
        parser.add_argument("--contact", required=True, help="Whom people ask for removal")
        parser.add_argument("--quiet-progress", action="store_true")

    def handle(self, *args, **options):
        started = time.monotonic()

        def progress(imported: int, rejected: int) -> None:
            if options["quiet_progress"]:
                return
            rate = imported / max(time.monotonic() - started, 1e-6)
            self.stdout.write(f"  {imported:>12,} rows  {rejected:,} refused  {rate:,.0f} rows/s")

        try:
            report = manifest_import(
                path=options["file"],
                name=options["dataset"],
                version=options["dataset_version"],
                contact=options["contact"],
                progress=progress,
            )
        except ServiceError as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            f"Imported {report.imported:,} rows into {report.dataset} "
            f"in {report.seconds:.1f} s; refused {report.rejected:,}."
        )
        for line, reason in report.examples:
            self.stdout.write(f"  line {line}: {reason}")
        if report.rejected > len(report.examples):
            self.stdout.write(f"  ... and {report.rejected - len(report.examples):,} more")

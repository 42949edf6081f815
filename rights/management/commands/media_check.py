"""manage.py media_check: stored files with no row, rows with no file. Exit status 1 if
either list is not empty."""

from django.core.management.base import BaseCommand

from rights.services.media import media_check


class Command(BaseCommand):
    help = "List media files with no database row and database rows with no file."

    def handle(self, *args, **options):
        report = media_check()
        for path in report.orphans:
            self.stdout.write(f"orphan file (no row): {path}")
        for path in report.missing:
            self.stdout.write(f"missing file (row without file): {path}")
        self.stdout.write(
            f"{len(report.orphans)} orphaned files, {len(report.missing)} missing files."
        )
        if not report.ok:
            raise SystemExit(1)

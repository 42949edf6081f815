"""manage.py import_archive PATH --username NAME [--create-user]"""

from django.core.management.base import BaseCommand, CommandError

from core.errors import ServiceError
from rights.services.imports import archive_import


class Command(BaseCommand):
    help = "Load a Candid export archive (ZIP) into an account on this instance."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--username", required=True)
        parser.add_argument("--create-user", action="store_true")

    def handle(self, *args, path, username, create_user, **options):
        try:
            report = archive_import(path=path, username=username, create_user=create_user)
        except ServiceError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            f"Imported into {report['username']}: {report.get('photos', 0)} photos, "
            f"{report.get('albums', 0)} albums, {report.get('photos_skipped', 0)} skipped."
        )

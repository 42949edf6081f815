"""manage.py import_archive PATH --username NAME [--create-user]"""

from django.core.management.base import BaseCommand, CommandError

from core.errors import ServiceError
from rights.services.imports import archive_import_from_path


class Command(BaseCommand):
    help = (
        "Load a Candid export archive (ZIP) into an account on this instance. With in-process "
        "tasks (the default) it is imported at once; with CANDID_TASKS=database a worker "
        "imports it. Run again with the same archive to resume an import whose process died."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--username", required=True)
        parser.add_argument("--create-user", action="store_true")

    def handle(self, *args, path, username, create_user, **options):
        try:
            run = archive_import_from_path(path=path, username=username, create_user=create_user)
        except (ServiceError, OSError) as exc:
            raise CommandError(getattr(exc, "message", str(exc))) from exc
        if run.state == "failed":
            raise CommandError(f"Import {run.pk} failed: {run.error}")
        if run.state != "completed":
            self.stdout.write(
                f"Import {run.pk} into {run.user.username} is {run.state}: "
                f"{run.done} of {run.total} photos so far."
            )
            return
        self.stdout.write(
            f"Imported into {run.user.username}: {run.photos} photos, {run.albums} albums."
        )

"""manage.py import_flickr USERNAME ZIP_OR_FOLDER... [--create-user] [--no-wait]"""

import time

from django.core.management.base import BaseCommand, CommandError

from core.errors import ServiceError
from rights import import_steps
from rights.models import ImportRun
from rights.services.movein import movein_from_paths

LIVE = ("queued", "running")


class Progress:
    """One line: items done of total, rate, time left; printed at most once a second."""

    def __init__(self, out, run_id: int):
        self.out, self.run_id = out, run_id
        self.started, self.first_done, self.last = time.monotonic(), None, 0.0

    def __call__(self, run_id: int | None = None, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self.last < 1.0:
            return
        self.last = now
        run = ImportRun.objects.filter(pk=self.run_id).values("done", "total").first()
        if run is not None:
            self.out.write(self.line(run["done"], run["total"], now))

    def line(self, done: int, total: int, now: float) -> str:
        if self.first_done is None:
            self.first_done, self.started = done, now
        elapsed, fresh = now - self.started, done - self.first_done
        rate = fresh / elapsed if elapsed > 0 and fresh else 0.0
        left = f"{_duration((total - done) / rate)} left" if rate else "time left unknown"
        return f"{done}/{total} items · {rate:.1f}/s · {left}"


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"


class Command(BaseCommand):
    help = (
        "Move a Flickr export (its metadata and media zips, or a folder holding them) into "
        "an account. With in-process tasks (the default) it is imported at once; with "
        "CANDID_TASKS=database a worker imports it and this command shows its progress "
        "(--no-wait: return at once). Run again with the same files to resume an import "
        "whose process died, or to add what a quota left out."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("paths", nargs="+", metavar="ZIP_OR_FOLDER")
        parser.add_argument("--create-user", action="store_true")
        parser.add_argument("--no-wait", action="store_true")

    kind: str | None = "flickr"

    def handle(self, *args, username, paths, create_user, no_wait, **options):
        watcher = _Deferred(self.stdout)
        import_steps.WATCHERS.append(watcher)
        kind = options.get("kind", self.kind)
        try:
            run = movein_from_paths(
                paths=paths,
                username=username,
                create_user=create_user,
                kind=kind,
                fetch_media=options.get("fetch_media", False),
            )
        except (ServiceError, OSError) as exc:
            raise CommandError(getattr(exc, "message", str(exc))) from exc
        finally:
            import_steps.WATCHERS.remove(watcher)
        if run.state in LIVE and not no_wait:
            run = self._wait(run)
        self._report(run)

    def _wait(self, run: ImportRun) -> ImportRun:
        progress = Progress(self.stdout, run.pk)
        while run.state in LIVE:
            progress()
            time.sleep(0.5)
            run.refresh_from_db()
        progress(force=True)
        return run

    def _report(self, run: ImportRun) -> None:
        if run.state == "failed":
            raise CommandError(f"Import {run.pk} failed: {run.error}")
        if run.state != "completed":
            self.stdout.write(
                f"Import {run.pk} into {run.user.username} is {run.state}: "
                f"{run.done} of {run.total} items so far."
            )
            return
        self.stdout.write(
            f"Imported into {run.user.username}: {run.photos} photos, {run.albums} albums; "
            f"{run.existing or 0} were there already, {run.skipped or 0} skipped."
        )
        for problem in run.problems.all():
            marker = "skipped" if problem.skipped else "note"
            self.stdout.write(f"  {marker}: {problem.name}: {problem.reason}")
        if run.error:
            self.stdout.write(run.error)


class _Deferred:
    """The progress line while the import runs in this process (in-process tasks)."""

    def __init__(self, out):
        self.out, self.progress = out, None

    def __call__(self, run_id: int) -> None:
        if self.progress is None or self.progress.run_id != run_id:
            self.progress = Progress(self.out, run_id)
        self.progress(run_id)

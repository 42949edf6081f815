from django.core.management.base import BaseCommand, CommandError

from core.chain import verify_lines
from transparency.verification import verify_stored_log

# Large reads: line by line from the default 8 KiB buffer costs a third of the check.
READ_BUFFER = 1 << 20


class Command(BaseCommand):
    help = (
        "Recompute the moderation event log's hash chain and name the first altered, "
        "inserted or missing event. Checks the database, or a downloaded JSON Lines file."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--file", help="A public log downloaded from /transparency/events.jsonl"
        )

    def handle(self, *args, file=None, **options):
        if file:
            with open(file, "rb", buffering=READ_BUFFER) as lines:
                verdict = verify_lines(lines)
        else:
            verdict = verify_stored_log()
        if not verdict.ok:
            raise CommandError(verdict.describe())
        self.stdout.write(verdict.describe())

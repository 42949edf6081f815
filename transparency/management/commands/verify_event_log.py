import json

from django.core.management.base import BaseCommand, CommandError

from core.chain import verify
from transparency.selectors import verify_stored_log


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
            with open(file, encoding="utf-8") as lines:
                verdict = verify(json.loads(line) for line in lines if line.strip())
        else:
            verdict = verify_stored_log()
        if not verdict.ok:
            raise CommandError(verdict.describe())
        self.stdout.write(verdict.describe())

from django.core.management.base import BaseCommand

from thirdparty.services import access_log_prune


class Command(BaseCommand):
    help = "Delete access-log lines older than CANDID_ACCESS_LOG_DAYS (default 90)."

    def handle(self, *args, **options) -> None:
        deleted = access_log_prune()
        self.stdout.write(f"Pruned {deleted} access-log entries.")

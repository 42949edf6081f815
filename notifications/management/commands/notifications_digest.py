from django.core.management.base import BaseCommand

from notifications.mailing import digests_send_due


class Command(BaseCommand):
    help = "Send the daily notification digests that are due (run hourly by the worker)"

    def handle(self, *args, **options):
        sent = digests_send_due()
        self.stdout.write(f"{sent} digest(s) sent")

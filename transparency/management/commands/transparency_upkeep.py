from django.core.management.base import BaseCommand

from transparency.activity import months_close


class Command(BaseCommand):
    help = "Close finished months of active-recipient counting (keeps only the counts)."

    def handle(self, *args, **options):
        closed = months_close()
        self.stdout.write(f"closed month(s): {', '.join(closed) or 'none'}")

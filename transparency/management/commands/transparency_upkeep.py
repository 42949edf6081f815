from django.core.management.base import BaseCommand

from transparency.activity import months_close
from transparency.facts import facts_fold, facts_refold
from transparency.selectors import chain_head


class Command(BaseCommand):
    help = (
        "Close finished months of active-recipient counting (keeps only the counts) and fold "
        "new moderation events into the reports' facts (--refold: rebuild them from the log)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--refold", action="store_true", help="rebuild every report fact")

    def handle(self, *args, refold=False, **options):
        closed = months_close()
        self.stdout.write(f"closed month(s): {', '.join(closed) or 'none'}")
        fold = facts_refold if refold else facts_fold
        head = chain_head().seq
        self.stdout.write(f"report facts: {fold(upto=head)} folded, up to event #{head}")

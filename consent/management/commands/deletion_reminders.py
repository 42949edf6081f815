"""`manage.py deletion_reminders`: run regularly (the upkeep loop). Re-checks delivered
releases against today's consent (a safety net behind the withdrawal hook), then reminds
licensees of unacknowledged deletion notices and escalates to staff after the reminders
(CANDID_DELETION_REMINDER_DAYS, CANDID_DELETION_REMINDERS)."""

from django.core.management.base import BaseCommand

from consent.services.deletion_notices import deletion_notices_remind
from consent.services.propagation import propagate_sweep


class Command(BaseCommand):
    help = "Send missing deletion notices, remind and escalate unacknowledged ones."

    def handle(self, *args, **options):
        sent = propagate_sweep()
        counts = deletion_notices_remind()
        self.stdout.write(
            f"deletion notices: {sent} sent, {counts['reminded']} reminded, "
            f"{counts['escalated']} escalated"
        )

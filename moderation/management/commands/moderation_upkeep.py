from django.core.management.base import BaseCommand

from moderation.services.upkeep import cases_escalate, evidence_purge_due


class Command(BaseCommand):
    help = "Escalate cases near their deadline and purge evidence whose retention has ended."

    def handle(self, *args, **options):
        escalated = cases_escalate()
        purged = evidence_purge_due()
        self.stdout.write(f"escalated {escalated} case(s); purged {purged} evidence record(s)")

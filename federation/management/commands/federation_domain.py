from django.core.management.base import BaseCommand, CommandError

from federation.domains import domain_block_set
from federation.models import DomainBlock


class Command(BaseCommand):
    help = "Limit, block or reject the media of another server, with a public reason."

    def add_arguments(self, parser):
        parser.add_argument("domain")
        parser.add_argument("--kind", choices=DomainBlock.Kind.values, required=True)
        parser.add_argument("--reason", required=True, help="Shown publicly with the measure.")

    def handle(self, *args, domain, kind, reason, **options):
        if not reason.strip():
            raise CommandError("Give the public reason for the measure.")
        block = domain_block_set(actor=None, domain=domain, kind=kind, public_reason=reason)
        self.stdout.write(f"{block.domain}: {block.kind}")

from django.core.management.base import BaseCommand, CommandError

from core.errors import ServiceError
from federation.domain_measures import MeasureEntry, domain_measure_lift, domain_measure_set
from federation.models import DomainBlock, DomainDecision

LIFT = DomainDecision.LIFT


class Command(BaseCommand):
    help = (
        "Limit, block or reject the media of another server, or lift the measure (--kind "
        "lift), with a public reason: a logged decision shown on the public list."
    )

    def add_arguments(self, parser):
        parser.add_argument("domain")
        parser.add_argument("--kind", choices=[*DomainBlock.Kind.values, LIFT], required=True)
        parser.add_argument("--reason", required=True, help="Shown publicly with the measure.")
        parser.add_argument("--reject-media", action="store_true", help="With limit.")
        parser.add_argument("--reject-reports", action="store_true")
        parser.add_argument("--obfuscate", action="store_true", help="Publish the name masked.")

    def handle(self, *args, domain, kind, reason, **options):
        source = DomainDecision.Source.COMMAND
        try:
            if kind == LIFT:
                decision = domain_measure_lift(
                    moderator=None, domain=domain, public_reason=reason, source=source
                )
            else:
                entry = MeasureEntry(
                    domain=domain,
                    kind=kind,
                    public_reason=reason,
                    reject_media=options["reject_media"],
                    reject_reports=options["reject_reports"],
                    obfuscate=options["obfuscate"],
                )
                decision = domain_measure_set(moderator=None, entry=entry, source=source)
        except ServiceError as error:
            raise CommandError(error.message) from None
        self.stdout.write(f"{decision.domain}: {decision.action}")

from django.core.management.base import BaseCommand, CommandError

from core.errors import ServiceError
from moderation.models import ModerationPolicy
from moderation.services.policy import EDITABLE, policy_update


class Command(BaseCommand):
    help = (
        "Show or change the moderation policy (deadline target, escalation lead time, "
        "strike thresholds and expiry, Art. 23 misuse thresholds). "
        "Example: moderation_policy --set strike_expiry_days=365"
    )

    def add_arguments(self, parser):
        parser.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE")

    def handle(self, *args, set: list[str], **options):  # noqa: A002 - the option's name
        policy = ModerationPolicy.current()
        if set:
            try:
                policy = policy_update(changes=_numbers(set))
            except ServiceError as exc:
                raise CommandError(str(exc)) from exc
        for name in EDITABLE:
            self.stdout.write(f"{name} = {getattr(policy, name)}")


def _numbers(assignments: list[str]) -> dict[str, int]:
    changes = {}
    for assignment in assignments:
        name, _, value = assignment.partition("=")
        if not value.isdigit():
            raise CommandError(f"Use FIELD=NUMBER with FIELD one of: {', '.join(EDITABLE)}")
        changes[name] = int(value)
    return changes

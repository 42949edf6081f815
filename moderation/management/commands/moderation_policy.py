from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.events import event_record
from moderation.models import ModerationPolicy

EDITABLE = [f.name for f in ModerationPolicy._meta.fields if f.name != "id"]


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
            self._change(policy, set)
        for name in EDITABLE:
            self.stdout.write(f"{name} = {getattr(policy, name)}")

    def _change(self, policy: ModerationPolicy, assignments: list[str]) -> None:
        changes = {}
        for assignment in assignments:
            name, _, value = assignment.partition("=")
            if name not in EDITABLE or not value.isdigit():
                raise CommandError(f"Use FIELD=NUMBER with FIELD one of: {', '.join(EDITABLE)}")
            changes[name] = int(value)
        for name, value in changes.items():
            setattr(policy, name, value)
        try:
            policy.full_clean()
        except ValidationError as exc:
            raise CommandError(str(exc)) from exc
        with transaction.atomic():
            policy.save()
            event_record(kind="moderation.policy_changed", data=changes)

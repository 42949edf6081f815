"""Record out-of-court disputes (DSA Art. 21) for the transparency report.

    python manage.py dispute record --moderator NAME --decision ID --body "Body name" \
        --submitted 2026-03-01T10:00Z
    python manage.py dispute decide --moderator NAME --dispute ID --outcome reversed \
        --decided 2026-04-20T09:00Z [--implemented]
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_datetime

from accounts.selectors import user_by_username
from core.errors import ServiceError
from moderation.models import Dispute
from moderation.selectors import decision_detail, dispute_detail
from moderation.services.disputes import dispute_decide, dispute_record


class Command(BaseCommand):
    help = "Record an out-of-court dispute about a decision, or its outcome."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        record = sub.add_parser("record")
        record.add_argument("--moderator", required=True)
        record.add_argument("--decision", type=int, required=True)
        record.add_argument("--body", required=True, help="Name of the certified body")
        record.add_argument("--submitted", required=True, help="ISO time, e.g. 2026-03-01T10:00Z")
        decide = sub.add_parser("decide")
        decide.add_argument("--moderator", required=True)
        decide.add_argument("--dispute", type=int, required=True)
        decide.add_argument("--outcome", required=True, choices=Dispute.Outcome.values)
        decide.add_argument("--decided", required=True, help="ISO time, e.g. 2026-04-20T09:00Z")
        decide.add_argument("--implemented", action="store_true")

    def handle(self, *args, action, moderator, **options):
        user = user_by_username(moderator)
        if user is None:
            raise CommandError(f"No user “{moderator}”.")
        try:
            if action == "record":
                dispute = self._record(user, options)
            else:
                dispute = self._decide(user, options)
        except ServiceError as error:
            raise CommandError(error.message) from error
        self.stdout.write(f"{dispute.reference} (id {dispute.pk}) {dispute.outcome or 'open'}")

    def _record(self, user, options) -> Dispute:
        decision = decision_detail(options["decision"])
        if decision is None:
            raise CommandError("No such decision.")
        return dispute_record(
            moderator=user,
            decision=decision,
            body_name=options["body"],
            submitted_at=_time(options["submitted"]),
        )

    def _decide(self, user, options) -> Dispute:
        dispute = dispute_detail(options["dispute"])
        if dispute is None:
            raise CommandError("No such dispute.")
        return dispute_decide(
            moderator=user,
            dispute=dispute,
            outcome=options["outcome"],
            decided_at=_time(options["decided"]),
            implemented=options["implemented"],
        )


def _time(text: str):
    moment = parse_datetime(text.replace("Z", "+00:00"))
    if moment is None or moment.tzinfo is None:
        raise CommandError(f"“{text}” is not a time with a time zone (e.g. 2026-03-01T10:00Z).")
    return moment

import json
from datetime import UTC, datetime

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from core.errors import ServiceError
from moderation.services.rules import ruleset_publish


class Command(BaseCommand):
    help = (
        "Publish a new version of the community rules from a JSON file "
        '([{"code", "title", "text", "examples", "texts": {"de": {"title", "text", '
        '"examples"}}}, ...]: English, with each rule\'s German under "texts"); it applies '
        "from --effective, at least 14 days ahead, and every user is emailed now (DSA Art. 14)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--effective", required=True, help="YYYY-MM-DD (UTC)")
        parser.add_argument("--summary", required=True, help="What changed, in plain words")
        parser.add_argument("--by", required=True, help="Username of the publishing admin")

    def handle(self, *args, file: str, effective: str, summary: str, by: str, **options):
        actor = User.objects.filter(username=by).first()
        if actor is None:
            raise CommandError(f"No user {by!r}.")
        try:
            with open(file, encoding="utf-8") as handle:
                rules = json.load(handle)
            effective_at = datetime.strptime(effective, "%Y-%m-%d").replace(tzinfo=UTC)
            ruleset = ruleset_publish(
                actor=actor, rules=rules, summary=summary, effective_at=effective_at
            )
        except (OSError, ValueError, TypeError, AttributeError) as exc:
            raise CommandError(f"Could not read the rules: {exc}") from exc
        except ServiceError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            f"Published community rules v{ruleset.version}, "
            f"in force from {ruleset.effective_at:%Y-%m-%d}."
        )

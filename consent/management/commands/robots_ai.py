"""robots.txt policy for AI-training crawlers: `robots_ai --block` (the default) or
`robots_ai --allow`. Without an option it prints the current choice."""

from django.core.management.base import BaseCommand

from consent.selectors.consent import ai_crawlers_blocked
from consent.services.consent import crawler_policy_set


class Command(BaseCommand):
    help = "Block (default) or allow the well-known AI-training crawlers in robots.txt."

    def add_arguments(self, parser):
        choice = parser.add_mutually_exclusive_group()
        choice.add_argument("--block", action="store_true", help="Disallow AI crawlers.")
        choice.add_argument("--allow", action="store_true", help="Stop disallowing them.")

    def handle(self, *args, block: bool, allow: bool, **options):
        if block or allow:
            crawler_policy_set(block_ai_crawlers=block)
        state = "blocked" if ai_crawlers_blocked() else "allowed"
        self.stdout.write(f"AI-training crawlers are {state} in robots.txt.")

"""`manage.py plan_quota free=N paid=M`: set the photo quota of one or more plans; with
no argument, print the current quotas."""

from django.core.management.base import BaseCommand, CommandError

from accounts.models import Plan
from accounts.plans import plan_quota_set, quota_of
from core.errors import ServiceError


class Command(BaseCommand):
    help = "Show or set plan photo quotas, e.g. `plan_quota free=1000 paid=100000`."

    def add_arguments(self, parser):
        parser.add_argument("quotas", nargs="*", help="PLAN=NUMBER pairs")

    def handle(self, *args, quotas: list[str], **options) -> None:
        wanted = [self._parse(item) for item in quotas]
        for plan, number in wanted:
            try:
                plan_quota_set(plan=plan, photo_quota=number)
            except ServiceError as error:
                raise CommandError(error.message) from error
        for plan in Plan.values:
            self.stdout.write(f"{plan}={quota_of(plan)}")

    @staticmethod
    def _parse(item: str) -> tuple[str, int]:
        plan, _, number = item.partition("=")
        if plan not in Plan.values or not number.strip().isdigit():
            raise CommandError(
                f"“{item}” is not PLAN=NUMBER with a plan among {', '.join(Plan.values)} "
                "and a whole number of photos, 0 or more."
            )
        return plan, int(number)

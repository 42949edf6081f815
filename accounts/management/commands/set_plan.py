"""`manage.py set_plan USERNAME free|paid`: an admin moves a user to a plan."""

from django.core.management.base import BaseCommand, CommandError

from accounts.models import Plan
from accounts.plans import plan_set, quota_status
from accounts.selectors import user_by_username
from core.errors import ServiceError


class Command(BaseCommand):
    help = "Set USERNAME's plan. A downgrade keeps every photo; over quota only pauses uploads."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("plan", help=f"One of: {', '.join(Plan.values)}.")

    def handle(self, *args, username: str, plan: str, **options) -> None:
        user = user_by_username(username)
        if user is None:
            raise CommandError(f"There is no user “{username}”.")
        try:
            plan_set(user=user, plan=plan)
        except ServiceError as error:
            raise CommandError(error.message) from error
        status = quota_status(user)
        note = " Uploads are paused (over quota); nothing is deleted." if status.over else ""
        self.stdout.write(f"{username} is on the {plan} plan: {status.used}/{status.quota}.{note}")

"""`manage.py set_role USERNAME member|moderator|admin`: an operator grants or takes away
staff powers. The change is in the audit log; a new moderator or admin sets up the
second factor at the next staff page or sign-in."""

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from accounts.second_factor import totp_device_of
from accounts.selectors import user_by_username
from accounts.services import user_role_set
from core.errors import ServiceError


class Command(BaseCommand):
    help = "Set USERNAME's role (member, moderator or admin)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("role", help=f"One of: {', '.join(User.Role.values)}.")

    def handle(self, *args, username: str, role: str, **options) -> None:
        user = user_by_username(username)
        if user is None:
            raise CommandError(f"There is no user “{username}”.")
        try:
            user_role_set(user=user, role=role)
        except ServiceError as error:
            raise CommandError(error.message) from error
        note = ""
        if user.has_staff_role and totp_device_of(user) is None:
            note = " They set up an authenticator app at their next sign-in."
        self.stdout.write(f"{username} is now {role}.{note}")

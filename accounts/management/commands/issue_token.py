"""`manage.py issue_token USERNAME --scopes read,write [--create-user] [--name NAME]`

Prints the new personal access token's secret, and nothing else, on stdout, so scripts
can capture it: TOKEN=$(python manage.py issue_token alice --scopes read). The secret is
never stored; only its hash is. Anything else goes to stderr.
"""

from django.core.management.base import BaseCommand, CommandError

from accounts.models import ApiToken
from accounts.selectors import user_by_username
from accounts.services import token_create, user_create_passwordless
from core.errors import ServiceError


class Command(BaseCommand):
    help = "Create a personal access token for USERNAME and print its secret."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--scopes",
            required=True,
            help=f"Comma-separated scopes: {', '.join(ApiToken.Scope.values)}.",
        )
        parser.add_argument(
            "--create-user",
            action="store_true",
            help="Create the user, with an unusable password, if missing.",
        )
        parser.add_argument("--name", default="issued by operator", help="A label for the token.")

    def handle(self, *args, username: str, scopes: str, create_user: bool, name: str, **options):
        wanted = [scope.strip() for scope in scopes.split(",") if scope.strip()]
        unknown = sorted(set(wanted) - set(ApiToken.Scope.values))
        if unknown or not wanted:
            raise CommandError(
                f"Unknown or missing scopes: {', '.join(unknown) or 'none given'}. "
                f"Choose from: {', '.join(ApiToken.Scope.values)}."
            )
        limit = ApiToken._meta.get_field("name").max_length
        if len(name) > limit:
            raise CommandError(f"The token name is limited to {limit} characters.")
        try:
            user = self._user(username, create_user)
            _token, secret = token_create(user=user, name=name, scopes=wanted)
        except ServiceError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(secret)

    def _user(self, username: str, create: bool):
        user = user_by_username(username)
        if user is not None:
            return user
        if not create:
            raise CommandError(
                f"There is no active user “{username}”. Pass --create-user to create one."
            )
        user = user_create_passwordless(username=username)
        self.stderr.write(f"Created user “{username}” (no usable password).")
        return user

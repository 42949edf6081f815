from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from accounts.models import User
from consent.demo.lookup import build_lookup_demo
from consent.demo.releases import build_consent_demo
from demo.community import DEMO_PASSWORD, PEOPLE, build_community, build_people
from demo.history import build_history, in_the_past
from demo.moderation import STAFF, build_moderation, create_staff
from demo.photographs import DemoPhotosMissing, data_dir
from demo.staff_devices import demo_code, demo_secret


class Command(BaseCommand):
    help = "Fill an empty database with a small demo community (users, photos, albums)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing (and say so) when the database already has users.",
        )
        parser.add_argument(
            "--code",
            metavar="USERNAME",
            help="Print the current sign-in code of a demo staff account (demo only).",
        )

    def handle(self, *args, if_empty: bool, code: str | None = None, **options):
        if code:
            self._print_code(code)
            return
        if User.objects.exists():
            if if_empty:
                self.stdout.write("Database already has data; demo data not loaded.")
                self._print_sign_in()
                return
            raise CommandError("The database is not empty; demo data goes only into an empty one.")
        try:
            data_dir()
        except DemoPhotosMissing as missing:
            raise CommandError(str(missing)) from missing
        self.stdout.write("Loading demo data…")
        # The demo's notifications (receipts, statements of reasons) are not printed.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            with in_the_past() as clock:
                users = build_people()
                staff = create_staff()
                if clock is not None:
                    build_history(clock, users, staff)
                    self.stdout.write("  six months of moderation history (transparency reports)")
            build_consent_demo(users, staff)
            # Last, so the members' own photos are the newest a visitor sees.
            photos = build_community(users, stdout=self.stdout)
            build_moderation(users, staff)
            build_lookup_demo(photo=photos["hubble_deep_field"])
        self._print_sign_in()

    def _print_sign_in(self):
        names = ", ".join(name for name, _, _ in PEOPLE)
        staff = ", ".join(f"{name} ({role})" for name, role in STAFF)
        self.stdout.write(f"Demo sign-in: {names}; staff: {staff} — password “{DEMO_PASSWORD}”")
        self.stdout.write(
            "Staff confirm each sign-in with a code. DEMO-ONLY authenticator secrets (add one "
            "to an authenticator app, or run `python manage.py demo --code NAME`):"
        )
        for name, _role in STAFF:
            self.stdout.write(f"  {name}: {demo_secret(name)}")

    def _print_code(self, username: str) -> None:
        current = demo_code(username)
        if current is None:
            raise CommandError(f"“{username}” is not a demo staff account (demo authenticator).")
        self.stdout.write(current)

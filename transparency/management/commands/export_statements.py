import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.errors import ServiceError
from transparency.sor.export import export_statements, records_from_jsonl
from transparency.sor.submit import statements_submit, submission_enabled


class Command(BaseCommand):
    help = (
        "Write the statements of reasons of decisions that took effect between --since and "
        "--until (inclusive, UTC) as statements.jsonl and statements.csv in the DSA "
        "Transparency Database format, each validated against the schema. --submit also "
        "sends them to the database API when CANDID_DSA_DB_TOKEN is set."
    )

    def add_arguments(self, parser):
        parser.add_argument("--since", required=True, help="First day, YYYY-MM-DD")
        parser.add_argument("--until", required=True, help="Last day, YYYY-MM-DD")
        parser.add_argument("--out", default=".", help="Directory for the two files")
        parser.add_argument("--submit", action="store_true", help="Send to the database API")

    def handle(self, *args, since, until, out, submit, **options):
        first, last = _day(since, "--since"), _day(until, "--until")
        if first > last:
            raise CommandError(f"--since {first} is after --until {last}.")
        if submit and not submission_enabled():
            raise CommandError(
                "--submit needs CANDID_DSA_DB_TOKEN (submission is off by default); "
                "nothing was written."
            )
        folder = Path(out)
        if not folder.is_dir():
            raise CommandError(f"--out {out} is not an existing directory.")
        jsonl_path, csv_path = folder / "statements.jsonl", folder / "statements.csv"
        with (
            open(jsonl_path, "w", encoding="utf-8") as jsonl,
            open(csv_path, "w", encoding="utf-8", newline="") as csv_out,
        ):
            report = export_statements(since=first, until=last, jsonl=jsonl, csv_out=csv_out)
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(f"Wrote {jsonl_path} and {csv_path}.")
        if submit:
            self._submit(jsonl_path)
        if not report.ok:
            raise CommandError(
                "Some statements are invalid or missing (listed above); they were not written."
            )

    def _submit(self, jsonl_path: Path) -> None:
        try:
            result = statements_submit(records=records_from_jsonl(jsonl_path))
        except ServiceError as error:
            raise CommandError(error.message) from error
        for line in result.lines():
            self.stdout.write(line)


def _day(text: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"{option} must be a date like 2026-01-31, not {text!r}.") from error

"""Write a realistic (YFCC100M-like) test manifest: `manage.py generate_manifest --rows N
--out FILE [--near-duplicates-of PHOTO_ID ...]`; FILE.parquet writes Parquet, else CSV."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from consent.manifests.generate import write_manifest
from consent.selectors.lookup import photo_hashes


class Command(BaseCommand):
    help = "Generate a test manifest: CSV, or Parquet when --out ends in .parquet."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, required=True)
        parser.add_argument("--out", type=Path, required=True)
        parser.add_argument("--seed", type=int, default=100)
        parser.add_argument("--hashed-share", type=float, default=0.3)
        parser.add_argument(
            "--near-duplicates-of",
            type=int,
            nargs="*",
            default=[],
            metavar="PHOTO_ID",
            help="Candid photo ids; each gets one row with a near-duplicate hash",
        )

    def handle(self, *args, **options):
        if options["rows"] < 1:
            raise CommandError("--rows must be at least 1.")
        pairs = photo_hashes(options["near_duplicates_of"])
        missing = set(options["near_duplicates_of"]) - {pk for pk, _, _ in pairs}
        if missing:
            raise CommandError(f"No such photos: {', '.join(map(str, sorted(missing)))}.")
        step = max(options["rows"] // 10, 100_000)

        def progress(done: int) -> None:
            if done % step < 100_000 or done == options["rows"]:
                self.stdout.write(f"  {done:>12,} rows")

        written = write_manifest(
            options["out"],
            options["rows"],
            seed=options["seed"],
            hashed_share=options["hashed_share"],
            near_duplicates_of=[(name, pdq) for _, name, pdq in pairs],
            progress=progress,
        )
        self.stdout.write(f"Wrote {written:,} rows to {options['out']}.")

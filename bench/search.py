"""Search benchmark (issue 14, "Search that scales"): the same searches at 10,000 and at
300,000 photos on PostgreSQL, median milliseconds and the growth ratio. Goal: <= 1.5x.

    CANDID_PG_PORT=54611 scripts/with-postgres.sh .venv/bin/python bench/search.py
    ... bench/search.py --sizes 2000 20000 --rounds 7        # a quick check

Photos are filled with INSERT ... SELECT generate_series (the search triggers build each
document as rows arrive, as in production): titles of three and descriptions of eight
words drawn from a 200-word vocabulary (so a common word such as "light" matches a fixed
share of all photos, the worst case for a search: its matches grow with the site), two
of 100 tags each, an owner per 100 photos, 80% public, 10% followers-only, 10% private,
1% demoted. A rare word ("kestrel") is in 20 photos, all among the first 10,000: the
same results at both sizes (so the page does not grow with them), and at the larger size
the oldest photos, the worst case for a search that walks the newest first. The first
size is filled, timed, then grown to the next and timed again, VACUUM ANALYZE after each
fill.

Timed, in this process, each `--rounds` times after one warm-up: the search page
(`/search/?q=`) signed out, `GET /api/v1/photos?q=` signed out, and photos.search's photo
search for a signed-in member (who follows 20 people), for a common word, a rare word, a
prefix ("berl"), a German plural ("häuser") and two words. Results also go to
bench/out/search.json.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from secrets import token_urlsafe

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import use_project_path  # noqa: E402

use_project_path()

from bench import common  # noqa: E402

QUERIES = {
    "common word": "light",
    "rare word": "kestrel",
    "prefix": "berl",
    "German plural": "häuser",
    "two words": "light shadow",
}
GOAL = 1.5


def main() -> None:
    args = _arguments()
    common.require_postgres()
    with tempfile.TemporaryDirectory(prefix="candid-search-") as data_dir:
        common.environment(data_dir, SECRET_KEY=os.environ.get("SECRET_KEY") or token_urlsafe(50))
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        from django.conf import settings
        from django.test.utils import override_settings

        # The pages render without collectstatic: plain static URLs.
        storages = {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
        results, filled = {}, 0
        for size in args.sizes:
            started = time.perf_counter()
            _fill(filled, size)
            print(f"filled {size:,} photos in {time.perf_counter() - started:.1f} s")
            filled = size
            with override_settings(STORAGES=storages):
                results[size] = _measure(args.rounds)
    _report(args.sizes, results)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs=2, default=[10_000, 300_000])
    parser.add_argument("--rounds", type=int, default=15)
    return parser.parse_args()


def _fill(start: int, end: int) -> None:
    from bench.searchdata import fill_photos

    fill_photos(start, end)


def _measure(rounds: int) -> dict:
    from django.contrib.auth.models import AnonymousUser
    from django.test import Client

    from accounts.models import User
    from photos.search import photo_search

    member = User.objects.get(username="searcher")
    client, signed_in = Client(), Client()
    signed_in.force_login(member)  # the page cache would answer a signed-out page
    figures = {}
    for name, query in QUERIES.items():
        figures[f"page, member: {name}"] = _median(
            rounds, lambda q=query: _ok(signed_in, "/search/", q)
        )
        figures[f"API, anonymous: {name}"] = _median(
            rounds, lambda q=query: _ok(client, "/api/v1/photos", q, limit="50")
        )
        figures[f"service, member: {name}"] = _median(
            rounds, lambda q=query: photo_search(q, member)
        )
    figures["service, anonymous: common word"] = _median(
        rounds, lambda: photo_search("light", AnonymousUser())
    )
    return figures


def _ok(client, path: str, query: str, **params) -> None:
    response = client.get(path, {"q": query, **params})
    assert response.status_code == 200, (path, query, response.status_code)


def _median(rounds: int, call) -> float:
    call()
    return statistics.median(common.timed(call) for _ in range(rounds)) * 1000


def _report(sizes: list[int], results: dict) -> None:
    small, large = sizes
    print(f"\nsearch, PostgreSQL, median ms: {small:,} vs {large:,} photos")
    print(f"{'request':36} {small:>9,} {large:>9,} {'growth':>7}  goal <= {GOAL}x")
    rows = {}
    for name in results[small]:
        before, after = results[small][name], results[large][name]
        ratio = after / before
        rows[name] = {"small_ms": before, "large_ms": after, "ratio": ratio}
        met = "MET" if ratio <= GOAL else "NOT MET"
        print(f"{name:36} {before:9.1f} {after:9.1f} {ratio:7.2f}  {met}")
    common.OUT.mkdir(exist_ok=True)
    (common.OUT / "search.json").write_text(json.dumps({"sizes": sizes, "rows": rows}, indent=1))


if __name__ == "__main__":
    main()

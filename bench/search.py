"""Search benchmark (issue 14, "Search that scales"): the same searches at 10,000 and at
300,000 photos on PostgreSQL, median milliseconds and the growth ratio. Goal: <= 1.5x.

    CANDID_PG_PORT=54611 scripts/with-postgres.sh .venv/bin/python bench/search.py
    ... bench/search.py --sizes 2000 20000 --rounds 7        # a quick check
    DATABASE_URL=postgres://candid@127.0.0.1:PORT/candid .venv/bin/python bench/search.py --reuse

`--reuse` (with a server you started and keep, given as DATABASE_URL): the databases an
earlier run filled on it are used again (migrated first), so the fill (about 2 minutes for
300,000 photos) is paid once.

Both sizes are measured in one run, request by request and round by round in turn (the
smaller database is copied and the copy grown), so a shared machine's changing load
falls on both alike. Photos are filled with INSERT ... SELECT generate_series (the
search triggers build each document as rows arrive, as in production): titles of three
and descriptions of eight words drawn from a 200-word vocabulary (so a common word such
as "light" matches a fixed share of all photos, the worst case for a search: its matches
grow with the site), two of 100 tags each, an owner per 100 photos, 80% public, 10%
followers-only, 10% private, 1% demoted. A rare word ("kestrel") is in 20 photos, all
among the first 10,000: the same results at both sizes (so the page does not grow with
them), and at the larger size the oldest photos, the worst case for a search that walks
the newest first. VACUUM ANALYZE after each fill.

Timed, in this process, each `--rounds` times after one warm-up: the search page
(`/search/?q=`) signed in, `GET /api/v1/photos?q=` signed out, and photos.search's photo
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
        databases = _reuse_both(args.sizes) if args.reuse else None
        databases = databases or _fill_both(args.sizes)
        with override_settings(STORAGES=storages):
            results = _measure(args.rounds, databases)
    _report(args.sizes, results)


def _fill_both(sizes: list[int]) -> dict:
    """The smaller size in the database, copied (CREATE DATABASE ... TEMPLATE) and the
    copy grown to the larger size: one open connection per size, to swap in as
    `default` round by round."""
    from django.db import connections

    small, large = sizes
    first = connections["default"]
    started = time.perf_counter()
    _fill(0, small)
    print(f"filled {small:,} photos in {time.perf_counter() - started:.1f} s")
    name = first.settings_dict["NAME"]
    first.close()
    admin = _connection_to("postgres")
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}_large" TEMPLATE "{name}"')
    admin.close()
    second = _connection_to(f"{name}_large")
    connections["default"] = second
    started = time.perf_counter()
    _fill(small, large)
    print(f"grew the copy to {large:,} photos in {time.perf_counter() - started:.1f} s")
    return {small: first, large: second}


def _reuse_both(sizes: list[int]) -> dict | None:
    """`--reuse`: the two databases a previous run filled on the same server (one started
    by hand and given as DATABASE_URL), both migrated; None when they are not there."""
    from django.core.management import call_command
    from django.db import connections

    from photos.models import Photo

    small, large = sizes
    first = connections["default"]
    if Photo.objects.count() != small:
        return None
    second = _connection_to(f"{first.settings_dict['NAME']}_large")
    try:
        second.ensure_connection()
    except Exception:  # noqa: BLE001 — any failure to connect means: fill anew
        return None
    connections["default"] = second
    call_command("migrate", verbosity=0)
    if Photo.objects.count() != large:
        connections["default"] = first
        return None
    print(f"reusing the filled databases of {small:,} and {large:,} photos")
    return {small: first, large: second}


def _connection_to(name: str):
    from django.db import connections

    wrapper = connections.create_connection("default")
    wrapper.settings_dict = {**wrapper.settings_dict, "NAME": name}
    return wrapper


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs=2, default=[10_000, 300_000])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="use the databases an earlier run filled on the same server, if there",
    )
    return parser.parse_args()


def _fill(start: int, end: int) -> None:
    from bench.searchdata import fill_photos

    fill_photos(start, end)


def _measure(rounds: int, databases: dict) -> dict:
    """Each request timed on both databases in turn, round by round, so that the load
    of a shared machine falls on both sizes alike."""
    from django.contrib.auth.models import AnonymousUser
    from django.db import connections
    from django.test import Client

    from accounts.models import User
    from photos.search import photo_search

    member, client, signed_in = {}, Client(), {}
    for size, wrapper in databases.items():
        connections["default"] = wrapper
        member[size] = User.objects.get(username="searcher")
        signed_in[size] = Client()
        signed_in[size].force_login(member[size])  # the page cache would answer a signed-out page
    calls = {}
    for name, query in QUERIES.items():
        calls[f"page, member: {name}"] = lambda s, q=query: _ok(signed_in[s], "/search/", q)
        calls[f"API, anonymous: {name}"] = lambda s, q=query: _ok(
            client, "/api/v1/photos", q, limit="50"
        )
        calls[f"service, member: {name}"] = lambda s, q=query: photo_search(q, member[s])
    calls["service, anonymous: common word"] = lambda s: photo_search("light", AnonymousUser())
    figures = {size: {} for size in databases}
    for name, call in calls.items():
        times = {size: [] for size in databases}
        for turn in range(rounds + 1):
            for size, wrapper in databases.items():
                connections["default"] = wrapper
                elapsed = common.timed(call, size)
                if turn:  # the first is a warm-up
                    times[size].append(elapsed)
        for size in databases:
            figures[size][name] = statistics.median(times[size]) * 1000
    return figures


def _ok(client, path: str, query: str, **params) -> None:
    response = client.get(path, {"q": query, **params})
    assert response.status_code == 200, (path, query, response.status_code)


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

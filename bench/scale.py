"""Scale benchmark: does a page or list cost more with more photos?

    CANDID_PG_PORT=54613 scripts/with-postgres.sh .venv/bin/python bench/scale.py
    ... bench/scale.py --sizes 10000,300000,1000000 --requests 15

PostgreSQL only, on an EMPTY database. For each size in turn it grows the database to that
many photos (bench/scaledata.py: users, follows, favourites, comments and tags in
proportion, made by the server with INSERT ... SELECT generate_series, then VACUUM ANALYZE), and
times every page (explore, its page 200 reached by "Older" links, feed, tag, profile,
photo, search) and every public API list, signed in (session cookie; API: a personal
token) and signed out, with Django's test client in this process: the median of
`--requests` requests each (one only when the first took over a second),

- cold: `content_changed()` before each request, as after any write anywhere: cached grids
  and page parts are rebuilt (cards, keyed by what they show, are reused): what the
  database and the templates cost, the figure that shows growth;
- warm: as served, caches kept (the anonymous page cache is off, so a signed-out
  request is served by the views too).

It prints each median and its growth from the first size to each later one. Goal:
nothing grows more than 1.5x from 10,000 to 3,000,000 photos. Results also go to
bench/out/scale.json.

With a server you start and keep (given as DATABASE_URL) and two sizes, `--reuse` fills
the smaller size in that database and the larger in a copy (`NAME_large`, made by
CREATE DATABASE ... TEMPLATE and grown) once, and later runs time the filled databases
again (migrated first): `--fill-only` fills and stops, so a 3,000,000-photo fill can run
in the background while the code changes. With `--reuse` each URL is timed at both sizes
request by request in turn (A B, B A, ...; each size with its own cache keys), so a shared
machine's load, which changes from second to second, falls on both alike:

    DATABASE_URL=postgres://candid@127.0.0.1:PORT/candid .venv/bin/python bench/scale.py \
        --reuse --sizes 10000,3000000 --fill-only      # once, minutes to an hour
    DATABASE_URL=... .venv/bin/python bench/scale.py --reuse --sizes 10000,3000000
    DATABASE_URL=... .venv/bin/python bench/scale.py --reuse --as-filled --sizes ... --only tag

`--only WORD,...` times only the requests whose name holds one of the words.
"""

import argparse
import html
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urljoin

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import OUT, environment, require_postgres, use_project_path  # noqa: E402

use_project_path()

GOAL = 1.5
DEEP_PAGE = 200
DEEP_NAME = f"explore page {DEEP_PAGE} by Older links"
ANSWERED_OTHERWISE = set()  # URLs that did not answer 200, said once
SLOW_SECONDS = 1.0


def main() -> None:
    args = _arguments()
    require_postgres()
    with tempfile.TemporaryDirectory(prefix="candid-scale-") as data_dir:
        environment(data_dir, CANDID_ANON_PAGE_SECONDS="0")
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        if args.reuse:
            databases = _reuse_or_fill(args.sizes, grow_them=not args.as_filled)
            if args.fill_only:
                return
            results = _measure_reused(databases, args.requests, args.pages_only, args.only)
        else:
            results = {}
            for size in args.sizes:
                results[size] = _measure_size(
                    size, args.requests, args.pages_only, args.only, first_size=args.sizes[0]
                )
    _report(results, args)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        type=lambda text: [int(part) for part in text.split(",")],
        default=[10_000, 300_000, 3_000_000],
        help="photo counts, ascending (10000,300000,3000000)",
    )
    parser.add_argument("--requests", type=int, default=15, help="timed requests per URL (15)")
    parser.add_argument("--pages-only", action="store_true", help="pages, not the API lists")
    parser.add_argument(
        "--only",
        type=lambda text: [part for part in text.split(",") if part],
        default=[],
        help="time only the requests whose name holds one of these words (tag,feed)",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="two sizes: fill once on a server you keep, time the filled databases in turn",
    )
    parser.add_argument("--fill-only", action="store_true", help="with --reuse: fill, then stop")
    parser.add_argument(
        "--as-filled",
        action="store_true",
        help="with --reuse: time the databases as they are (no growing, no VACUUM)",
    )
    args = parser.parse_args()
    if args.reuse and len(args.sizes) != 2:
        parser.error("--reuse takes two sizes")
    return args


def _reuse_or_fill(sizes: list[int], *, grow_them: bool = True) -> dict:
    """The smaller size in the given database, the larger in NAME_large, each filled (or
    grown) only as far as it is not yet: one open connection per size. `grow_them`
    False: migrated only, timed as they are."""
    from django.core.management import call_command
    from django.db import connections

    from bench.scaledata import grow

    small, large = sizes
    first = connections["default"]
    name = first.settings_dict["NAME"]
    databases = {}
    for size, wrapper in ((small, first), (large, None)):
        if wrapper is None:
            wrapper = _connection_to(f"{name}_large")
            try:
                wrapper.ensure_connection()
            except Exception:  # noqa: BLE001 - not there yet: copy the small one
                first.close()
                admin = _connection_to("postgres")
                with admin.cursor() as cursor:
                    cursor.execute(f'CREATE DATABASE "{name}_large" TEMPLATE "{name}"')
                admin.close()
                wrapper = _connection_to(f"{name}_large")
        connections["default"] = wrapper
        call_command("migrate", verbosity=0)
        if not grow_them:
            databases[size] = wrapper
            continue
        started = time.perf_counter()
        counts = grow(photos=size)
        print(
            f"{size:,} photos, {counts['users']:,} users: ready in"
            f" {time.perf_counter() - started:.1f} s",
            flush=True,
        )
        databases[size] = wrapper
    return databases


def _connection_to(name: str):
    from django.db import connections

    wrapper = connections.create_connection("default")
    wrapper.settings_dict = {**wrapper.settings_dict, "NAME": name}
    return wrapper


def _measure_reused(databases: dict, requests: int, pages_only: bool, only: list) -> dict:
    """Each URL at both sizes, request by request in turn (see interleaved_ms), each size
    with its own connection and its own cache keys."""
    from django.core.cache import cache
    from django.db import connections

    def use(size: int) -> None:
        connections["default"] = databases[size]
        cache.key_prefix = f"scale{size}"  # the sizes' pages and cards never mix

    targets = {}
    for size in databases:
        use(size)
        targets[size] = _targets(size, pages_only, only, first_size=min(databases))
    figures = {size: {} for size in databases}
    for name in targets[next(iter(databases))]:
        cache.clear()
        for kind in ("cold", "warm"):

            def fetch(size: int, cold: bool = kind == "cold", name: str = name) -> float:
                use(size)
                return _request_ms(*targets[size][name], cold=cold)

            for size, median in interleaved_ms(list(databases), fetch, requests).items():
                figures[size].setdefault(name, {})[kind] = median
        for size in databases:
            print(
                f"  {size:>10,} {name:34} cold {figures[size][name]['cold']:8.1f} ms"
                f"  warm {figures[size][name]['warm']:8.1f} ms",
                flush=True,
            )
    return figures


def interleaved_ms(sizes: list, fetch, requests: int) -> dict:
    """The median of `requests` calls of `fetch(size)` (ms) for each size, taken in turn,
    one request each, the order reversed every round (A B, B A, ...): a shared machine's
    load, which changes from second to second, falls on every size alike. A first,
    untimed call each warms up; over SLOW_SECONDS it is the only one timed."""
    first = {size: fetch(size) for size in sizes}
    if max(first.values()) > SLOW_SECONDS * 1000:
        return first
    times = {size: [] for size in sizes}
    for round_ in range(requests):
        for size in sizes if round_ % 2 == 0 else reversed(sizes):
            times[size].append(fetch(size))
    return {size: statistics.median(taken) for size, taken in times.items()}


def _measure_size(
    size: int, requests: int, pages_only: bool, only: list, *, first_size: int
) -> dict:
    from bench.scaledata import grow
    from photos.models import Photo

    if Photo.objects.filter(pk__gt=size).exists():
        sys.exit("The database already holds more photos than asked for; give an empty one.")
    started = time.perf_counter()
    counts = grow(photos=size)
    print(
        f"\n{size:,} photos, {counts['users']:,} users: filled in"
        f" {time.perf_counter() - started:.1f} s",
        flush=True,
    )
    figures = {}
    for name, (client, url) in _targets(size, pages_only, only, first_size=first_size).items():
        figures[name] = {
            "cold": _median_ms(client, url, requests, cold=True),
            "warm": _median_ms(client, url, requests, cold=False),
        }
        print(
            f"  {name:34} cold {figures[name]['cold']:8.1f} ms"
            f"  warm {figures[name]['warm']:8.1f} ms",
            flush=True,
        )
    return figures


def _targets(size: int, pages_only: bool, only: list, *, first_size: int) -> dict:
    """Each URL signed out and signed in, as (client, url); with `only`, those whose name
    holds one of its words. The photo page and its comments are those of one photo at
    every size, the newest public one of the first fill: the newest at each size would be
    a different photo with different comments (at 3M, one by the viewer, which the photo
    page renders for them alone, uncached)."""
    from django.test import Client

    from accounts.models import User
    from accounts.services import token_create
    from bench.scaledata import STEADY_MEMBER
    from photos.models import Photo

    viewer = User.objects.get(pk=1)
    member = User.objects.get(pk=STEADY_MEMBER)  # owns as many photos at every size
    photo = Photo.objects.filter(visibility="public", pk__lte=first_size).order_by("-pk").first()
    out, signed_in, api_in = Client(), Client(), Client()
    signed_in.force_login(viewer)
    _token, secret = token_create(user=viewer, name=f"scale {size}", scopes=["read"])
    api_in.defaults["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
    pages = {
        "explore": "/explore/",
        "tag": "/tags/t1/",
        "profile": f"/u/{member.username}/",
        "photo": f"/photos/{photo.pk}/",
        "search": "/search/?q=light",
    }
    lists = {
        "api photos": "/api/v1/photos?limit=50",
        "api photos offset 5000": "/api/v1/photos?limit=50&offset=5000",
        "api photos q": "/api/v1/photos?limit=50&q=light",
        "api photos by user": f"/api/v1/photos?limit=50&user={member.username}",
        "api photos by tag": "/api/v1/photos?limit=50&tag=t1",
        "api albums": "/api/v1/albums?limit=50",
        "api followers": f"/api/v1/users/{member.username}/followers?limit=50",
        "api following": f"/api/v1/users/{member.username}/following?limit=50",
        "api comments": f"/api/v1/photos/{photo.pk}/comments?limit=50",
    }
    targets = {}
    for name, url in pages.items():
        targets[f"{name}, signed out"] = (out, url)
        targets[f"{name}, signed in"] = (signed_in, url)
        if name == "explore":  # and the page 200 "Older" links on, as far as a user gets
            for client, who in ((out, "signed out"), (signed_in, "signed in")):
                if not only or any(word in f"{DEEP_NAME}, {who}" for word in only):
                    targets[f"{DEEP_NAME}, {who}"] = (client, deep_page(client, url, DEEP_PAGE))
    targets["feed, signed in"] = (signed_in, "/")
    if not pages_only:
        for name, url in lists.items():
            targets[f"{name}, signed out"] = (out, url)
            targets[f"{name}, signed in"] = (api_in, url)
        targets["api my notices, signed in"] = (api_in, "/api/v1/me/notices?limit=50")
        targets["api my statements, signed in"] = (api_in, "/api/v1/me/statements?limit=50")
    if only:
        targets = {key: value for key, value in targets.items() if any(w in key for w in only)}
    return targets


OLDER_LINK = re.compile(r'<a href="([^"]+)" rel="next">')


def deep_page(client, url: str, page: int) -> str:
    """The URL of the list's `page`-th page, reached as a member does: following its
    "Older" link from the first page (a keyset cursor; an old `?page=N` link that far
    redirects to the first page)."""
    for number in range(1, page):
        response = client.get(url, secure=True)
        found = OLDER_LINK.search(response.content.decode())
        if found is None:
            raise ValueError(f"{url} (page {number}) has no older page; the list is shorter")
        url = urljoin(url, html.unescape(found.group(1)))
    return url


def _median_ms(client, url: str, requests: int, *, cold: bool) -> float:
    first = _request_ms(client, url, cold=cold)
    if first > SLOW_SECONDS * 1000:
        return first  # a request of seconds: one is enough to see the growth
    return statistics.median(_request_ms(client, url, cold=cold) for _ in range(requests))


def _request_ms(client, url: str, *, cold: bool) -> float:
    """One request, in ms; cold: after `content_changed()`, as after any write."""
    from core.pagecache import content_changed

    if cold:
        content_changed()
    started = time.perf_counter()
    response = client.get(url, secure=True)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200 and url not in ANSWERED_OTHERWISE:
        ANSWERED_OTHERWISE.add(url)
        print(f"  {url} answered {response.status_code}; timed all the same")
    return elapsed


def _report(results: dict, args: argparse.Namespace) -> None:
    sizes = list(results)
    first = sizes[0]
    names = list(results[first])
    header = "".join(f"{size:>12,}" for size in sizes)
    print(f"\nmedian ms per request (cold: after a write; warm: as served), growth from {first:,}")
    print(f"{'request':42}{header}{'growth':>9}  goal <= {GOAL}x")
    worst = 0.0
    for name in names:
        for kind in ("cold", "warm"):
            row = [results[size][name][kind] for size in sizes]
            growth = row[-1] / row[0] if row[0] else float("nan")
            worst = max(worst, growth) if kind == "cold" else worst
            verdict = "met" if growth <= GOAL else "NOT MET"
            cells = "".join(f"{value:12.1f}" for value in row)
            print(f"{name + ', ' + kind:42}{cells}{growth:8.2f}x  {verdict}")
    print(f"\nlargest cold growth {first:,} -> {sizes[-1]:,}: {worst:.2f}x")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "scale.json").write_text(
        json.dumps(
            {"args": vars(args), "results": results, "at": time.strftime("%Y-%m-%dT%H:%M:%S")},
            indent=2,
        )
    )


if __name__ == "__main__":
    main()

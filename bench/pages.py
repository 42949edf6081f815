"""Page throughput benchmark: Candid's pages under gunicorn, loaded with wrk on 127.0.0.1.

    .venv/bin/python bench/pages.py                    # 10,000 photos, 3 rounds of 10 s
    .venv/bin/python bench/pages.py --duration 5 --rounds 1
    .venv/bin/python bench/pages.py --language de      # every page in German
    DATABASE_URL=postgres://... .venv/bin/python bench/pages.py   # an EMPTY PostgreSQL db

It fills a fresh database (SQLite in a temporary directory unless DATABASE_URL is given)
with 10,000 photos by ~100 users who follow each other (bench/pagedata.py), starts
gunicorn with 2 workers and DEBUG off, then for each round runs wrk (2 threads,
16 connections, bounded in time) against a trivial Django view (same middleware, no
work), the explore page and a photo page, anonymous and signed in. It prints requests/s
and p99 latency (median over rounds) and each page's throughput as a share of the
trivial view's. Goal: >= 0.5 of the trivial view, p99 < 100 ms. gunicorn is stopped at
the end, also on error. Results also go to bench/out/pages-<language>.json.
"""

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402 - after the path fix above
    OUT,
    check_targets,
    environment,
    free_port,
    measure,
    print_pages,
    start_gunicorn,
    stop,
    summarise,
    wait_healthy,
)


def main() -> None:
    args = _arguments()
    wrk = shutil.which("wrk") or sys.exit("wrk is missing: apt-get install -y wrk")
    with tempfile.TemporaryDirectory(prefix="candid-pages-") as data_dir:
        env = environment(data_dir)
        targets = _prepare(args, env)
        port = free_port()
        server = start_gunicorn(env, port)
        try:
            wait_healthy(port, server)
            targets = check_targets(port, targets)
            results = measure(
                wrk,
                port,
                targets,
                duration=args.duration,
                rounds=args.rounds,
                connections=args.connections,
            )
        finally:
            stop(server)
    _report(results, args)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--photos", type=int, default=10_000)
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run (10)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds over all pages (3)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--language", default="en", help="the language every request asks for (en, de)"
    )
    return parser.parse_args()


def _prepare(args: argparse.Namespace, env: dict) -> dict[str, dict]:
    """Migrate and fill the database in this process; gunicorn's workers read it after."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from bench.pagedata import populate
    from photos.models import Photo

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # as a deployment does
    if Photo.objects.exists():
        sys.exit("The database already holds photos; give an empty one (DATABASE_URL).")
    started = time.perf_counter()
    ids = populate(photos=args.photos, users=args.users)
    print(
        f"{Photo.objects.count()} photos in {time.perf_counter() - started:.1f} s"
        f" on {connection.vendor}"
    )
    client = Client()
    client.force_login(_user(ids["user_id"]))
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    connection.close()
    photo = f"/photos/{ids['photo_id']}/"
    profile = f"/u/{_user(ids['photo_owner_id']).username}/"
    targets = {
        "trivial": {"path": "/bench/trivial"},
        "explore": {"path": "/explore/"},
        "photo": {"path": photo},
        "trivial signed in": {"path": "/bench/trivial", "cookie": cookie},
        "explore signed in": {"path": "/explore/", "cookie": cookie},
        "feed signed in": {"path": "/", "cookie": cookie},
        "tag signed in": {"path": "/tags/street/", "cookie": cookie},
        "profile signed in": {"path": profile, "cookie": cookie},
        "photo signed in": {"path": photo, "cookie": cookie},
    }
    return {name: _in_language(target, args.language) for name, target in targets.items()}


def _in_language(target: dict, language: str) -> dict:
    """The footer switcher's cookie: what a visitor or member who chose the language sends."""
    cookies = [target.get("cookie"), f"candid_language={language}"]
    return {**target, "cookie": "; ".join(c for c in cookies if c)}


def _user(pk: int):
    from accounts.models import User

    return User.objects.get(pk=pk)


def _report(results: dict, args: argparse.Namespace) -> None:
    summary = summarise(results)
    print(
        f"\n{args.photos} photos, language {args.language}, gunicorn 2 workers,"
        f" wrk -t2 -c{args.connections}"
        f" -d{args.duration}s, median of {args.rounds} rounds"
    )
    print_pages(summary)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"pages-{args.language}.json").write_text(
        json.dumps(
            {"args": vars(args), "results": summary, "at": time.strftime("%Y-%m-%dT%H:%M:%S")},
            indent=2,
        )
    )


if __name__ == "__main__":
    main()

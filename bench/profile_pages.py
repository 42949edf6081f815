"""Where a signed-in page's time goes, in one process: Django's test client, no server.

    .venv/bin/python bench/profile_pages.py                       # timings, en and de
    .venv/bin/python bench/profile_pages.py --profile photo --language de   # + cProfile

It fills a throw-away SQLite database like bench/pages.py (bench/pagedata.py, fewer
photos by default), warms each page, then times `--requests` warm requests of each page
signed in, in each language, and prints the median per request and its ratio to the
signed-in trivial view's median (the same floor bench/pages.py divides by). With
`--profile PAGE` it also runs cProfile over that page's requests and prints the top
functions by cumulative and by own time. Wall-clock medians in one process are less
noisy than wrk on a shared machine, but they leave out the server and the network:
use them to find costs, bench/pages.py to quote throughput.
"""

import argparse
import cProfile
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import environment, use_project_path  # noqa: E402 - after the path fix

PAGES = ("trivial", "frame", "explore", "feed", "tag", "profile", "photo")


def main() -> None:
    use_project_path()
    args = _arguments()
    with tempfile.TemporaryDirectory(prefix="candid-profile-") as data_dir:
        environment(data_dir)
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)  # as pages.py does
        paths, client = _prepare(args)
        for language in args.language:
            _time_pages(client, paths, language, args.requests)
        if args.profile:
            for language in args.language:
                _profile(client, paths[args.profile], language, args)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--photos", type=int, default=2_000)
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--language", action="append", help="en, de (default both)")
    parser.add_argument("--profile", choices=PAGES, help="cProfile this page")
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args()
    args.language = args.language or ["en", "de"]
    return args


def _prepare(args: argparse.Namespace):
    from django.test import Client

    from accounts.models import User
    from bench.pagedata import populate

    ids = populate(photos=args.photos, users=args.users)
    client = Client(secure=True)  # the session cookie is secure
    client.force_login(User.objects.get(pk=ids["user_id"]))
    owner = User.objects.get(pk=ids["photo_owner_id"])
    paths = {
        "trivial": "/bench/trivial",
        "frame": "/bench/frame",
        "explore": "/explore/",
        "feed": "/",
        "tag": "/tags/street/",
        "profile": f"/u/{owner.username}/",
        "photo": f"/photos/{ids['photo_id']}/",
    }
    return paths, client


def _get(client, path: str, language: str):
    client.cookies["candid_language"] = language
    response = client.get(path)
    if response.status_code != 200:
        sys.exit(f"GET {path} answered {response.status_code}")
    return response


def _time_pages(client, paths: dict, language: str, requests: int) -> None:
    """The pages in turn, request by request, so a burst of load elsewhere on the machine
    hits them all alike."""
    for _ in range(20):  # warm caches
        for path in paths.values():
            _get(client, path, language)
    times = {page: [] for page in paths}
    for _ in range(requests):
        for page, path in paths.items():
            started = time.perf_counter()
            _get(client, path, language)
            times[page].append(time.perf_counter() - started)
    medians = {page: statistics.median(runs) * 1000 for page, runs in times.items()}
    calls = {page: _calls(client, path, language) for page, path in paths.items()}
    floor = medians["trivial"]
    print(f"\nlanguage {language}, median of {requests} warm requests, signed in")
    print(f"  {'':8} {'median':>9}   {'trivial/page':>12}  {'calls':>6}  {'trivial/page':>12}")
    for page, ms in medians.items():
        print(
            f"  {page:8} {ms:6.2f} ms   {floor / ms:12.2f}  {calls[page]:6.0f}"
            f"  {calls['trivial'] / calls[page]:12.2f}"
        )


def _calls(client, path: str, language: str, requests: int = 20) -> float:
    """Python function calls per warm request (cProfile's count): unlike time, the same
    on a busy machine, so before and after compare exactly."""
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(requests):
        _get(client, path, language)
    profiler.disable()
    return pstats.Stats(profiler).total_calls / requests


def _profile(client, path: str, language: str, args: argparse.Namespace) -> None:
    for _ in range(20):
        _get(client, path, language)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(args.requests):
        _get(client, path, language)
    profiler.disable()
    print(f"\n=== {path} in {language}, {args.requests} requests")
    dumped = f"/tmp/candid-profile-{Path(path).parts[1]}-{language}.pstats"
    profiler.dump_stats(dumped)  # for pstats' print_callers
    print(f"(stats in {dumped})")
    stats = pstats.Stats(profiler).strip_dirs()
    stats.sort_stats("cumulative").print_stats(args.top)
    stats.sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()

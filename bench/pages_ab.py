"""The signed-in pages of two checkouts side by side, in one run: before and after a change.

    CANDID_PG_PORT=54413 scripts/with-postgres.sh .venv/bin/python bench/pages_ab.py \\
        --base /path/to/other/checkout --language de --duration 5 --rounds 3

On a machine other work shares, throughput moves from minute to minute, and two runs of
bench/pages.py taken ten minutes apart do not compare. This fills one database
(bench/pagedata.py, as bench/pages.py does), starts gunicorn (2 workers) for this checkout
and for `--base`, both on that database, and in each round runs wrk against every signed-in
page of one, then the same page of the other, so load elsewhere hits both alike. It prints
each page's share of its own server's signed-in trivial view (median over rounds of the
round's ratio) and p99. The two checkouts must share the database schema.
"""

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402 - after the path fix above
    check_targets,
    environment,
    free_port,
    measure,
    start_gunicorn,
    stop,
    use_project_path,
    wait_healthy,
)

PAGES = ("trivial", "explore", "feed", "tag", "profile", "photo")


def main() -> None:
    use_project_path()
    args = _arguments()
    wrk = shutil.which("wrk") or sys.exit("wrk is missing: apt-get install -y wrk")
    from bench.pages import _prepare

    with tempfile.TemporaryDirectory(prefix="candid-pages-ab-") as data_dir:
        env = environment(data_dir)
        targets = {n: t for n, t in _prepare(args, env).items() if n.endswith("signed in")}
        ports = {"after": free_port(), "before": free_port()}
        servers = {
            "after": start_gunicorn(env, ports["after"]),
            "before": start_gunicorn(env, ports["before"], root=args.base.resolve()),
        }
        try:
            for side, server in servers.items():
                wait_healthy(ports[side], server)
            for side in servers:
                targets = check_targets(ports[side], targets)
            results = {side: {name: [] for name in targets} for side in servers}
            for _round in range(args.rounds):
                for name, target in targets.items():  # page by page, one side then the other
                    for side in ("before", "after"):
                        runs = measure(
                            wrk,
                            ports[side],
                            {name: target},
                            duration=args.duration,
                            rounds=1,
                            connections=args.connections,
                        )
                        results[side][name] += runs[name]
        finally:
            for server in servers.values():
                stop(server)
    _report(results, args)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", type=Path, required=True, help="the checkout to compare")
    parser.add_argument("--photos", type=int, default=10_000)
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--duration", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--language", default="en")
    return parser.parse_args()


def _report(results: dict, args: argparse.Namespace) -> None:
    print(
        f"\n{args.photos} photos, language {args.language}, gunicorn 2 workers each,"
        f" wrk -t2 -c{args.connections} -d{args.duration}s, {args.rounds} rounds;"
        " share of the same server's signed-in trivial view, median of the rounds' ratios"
    )
    print(f"{'':20} {'before':>8} {'after':>8}   {'req/s before':>12} {'after':>6}  p99 ms after")
    for name in results["after"]:
        shares = {}
        for side in ("before", "after"):
            floor = results[side]["trivial signed in"]
            runs = results[side][name]
            shares[side] = statistics.median(
                run["rps"] / base["rps"] for run, base in zip(runs, floor, strict=True)
            )
        rps = {side: statistics.median(r["rps"] for r in results[side][name]) for side in shares}
        p99 = statistics.median(r["p99_ms"] for r in results["after"][name])
        print(
            f"{name:20} {shares['before']:8.2f} {shares['after']:8.2f}"
            f"   {rps['before']:12.0f} {rps['after']:6.0f}  {p99:8.1f}"
        )


if __name__ == "__main__":
    main()

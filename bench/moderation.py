"""Moderation benchmark (issue 3): the queue and a case page with 100,000 open notices,
and notice intake against a bare INSERT. PostgreSQL only:

    CANDID_PG_PORT=54520 scripts/with-postgres.sh .venv/bin/python bench/moderation.py
    ... bench/moderation.py --notices 10000 --cases 6000 --duration 3 --rounds 1 --intake 300

It bulk-creates the cases and notices (bench/moddata.py: bulk_create, not the notice_submit
service), counts the database queries of each page in-process (Django test client and
CaptureQueriesContext), warm (the pages' cached parts reused) and cold (after a write,
nothing reused), then starts gunicorn (2 workers, DEBUG off) on 127.0.0.1 and runs
wrk (bounded in time) against a trivial Django view, the queue and a case page, signed in
as a moderator (session cookie). Goals: each page < 20 queries, >= 0.5 x the trivial
view's requests/s, p99 < 100 ms. Then it times --intake calls of the real notice_submit
service (validation, case join or open, deadline, events, confirmation email queued on the
locmem backend) interleaved with a bare single-row INSERT into moderation_notice in its own
transaction. Goal: median intake <= 5 x median INSERT. Results also go to
bench/out/moderation.json.
"""

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import use_project_path  # noqa: E402

use_project_path()

from bench import common  # noqa: E402


def main() -> None:
    args = _arguments()
    common.require_postgres()
    wrk = shutil.which("wrk") or sys.exit("wrk is missing: apt-get install -y wrk")
    with tempfile.TemporaryDirectory(prefix="candid-moderation-") as data_dir:
        env = common.environment(
            data_dir, EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"
        )
        ids, targets = _prepare(args)
        queries = _query_counts(targets)
        port = common.free_port()
        server = common.start_gunicorn(env, port)
        try:
            common.wait_healthy(port, server)
            ready = common.check_targets(port, targets)
            results = common.measure(
                wrk,
                port,
                ready,
                duration=args.duration,
                rounds=args.rounds,
                connections=args.connections,
            )
        finally:
            common.stop(server)
        from bench.intake import intake_benchmark

        intake = intake_benchmark(ids, calls=args.intake)
    _report(args, common.summarise(results), queries, intake)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notices", type=int, default=100_000)
    parser.add_argument("--cases", type=int, default=60_000)
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run (10)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds over all pages (3)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--intake", type=int, default=2000, help="notice_submit calls (2000)")
    return parser.parse_args()


def _prepare(args: argparse.Namespace):
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from accounts.models import User
    from bench.moddata import populate_queue
    from moderation.models import Case, Notice

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    if Notice.objects.exists():
        sys.exit("The database already holds notices; give an empty one (DATABASE_URL).")
    started = time.perf_counter()
    ids = populate_queue(notices=args.notices, cases=args.cases)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"{Notice.objects.count()} open notices in {Case.objects.count()} cases"
        f" (bulk_create, not the service) in {time.perf_counter() - started:.1f} s"
    )
    client = Client()
    client.force_login(User.objects.get(pk=ids["moderator_id"]))
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    connection.close()
    return ids, {
        "trivial": {"path": "/bench/trivial", "cookie": cookie},
        "queue": {"path": "/moderation/", "cookie": cookie},
        "queue page 50": {"path": "/moderation/?page=50", "cookie": cookie},
        "case": {"path": f"/moderation/cases/{ids['case_id']}/", "cookie": cookie},
    }


def _query_counts(targets: dict, repeat: int = 20) -> dict:
    """Queries and in-process time per page (Django test client, one process): warm, as
    served again and again (the moderation pages' cached parts in place), and cold (the
    content generation bumped first, as every committed write does, so no cached part
    matches: the cost after any change). Median of `repeat` runs. Returns the cold
    counts, the worst case."""
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST=common.HOST)
    counts = {}
    for name, target in targets.items():
        client.cookies.load(target["cookie"])
        client.get(target["path"])
        warm = _timed(client, target["path"], repeat, cold=False)
        cold = _timed(client, target["path"], repeat, cold=True)
        counts[name] = cold[1]
        print(
            f"  in-process {name:14} {cold[0]}  warm {warm[1]:2d} queries {warm[2]:6.1f} ms"
            f"  cold {cold[1]:2d} queries {cold[2]:6.1f} ms"
        )
    connection.close()
    return counts


def _timed(client, path: str, repeat: int, *, cold: bool) -> tuple[int, int, float]:
    """(status, queries, median ms) of `repeat` GETs of `path`."""
    import statistics

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core.pagecache import content_changed

    times = []
    for _ in range(repeat):
        if cold:
            content_changed()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
    return response.status_code, len(captured), statistics.median(times)


def _report(args, summary: dict, queries: dict, intake: dict) -> None:
    print(
        f"\n{args.notices} open notices in {args.cases} cases, PostgreSQL, gunicorn 2 workers,"
        f" wrk -t2 -c{args.connections} -d{args.duration}s, median of {args.rounds} rounds,"
        " signed in as a moderator"
    )
    common.print_pages(summary, queries)
    ratio = intake["ratio"]
    print(
        f"\nnotice intake, {intake['calls']} calls interleaved with a bare INSERT:"
        f" notice_submit median {intake['submit_ms']:.2f} ms"
        f" (joining a case {intake['join_ms']:.2f}, opening one {intake['open_ms']:.2f}),"
        f" bare INSERT median {intake['insert_ms']:.2f} ms,"
        f" ratio {ratio:.1f}x  goal <= 5x: {'MET' if ratio <= 5 else 'NOT MET'}"
    )
    common.OUT.mkdir(parents=True, exist_ok=True)
    (common.OUT / "moderation.json").write_text(
        json.dumps(
            {
                "args": vars(args),
                "pages": summary,
                "queries": queries,
                "intake": intake,
                "at": time.strftime("%Y-%m-%dT%H:%M:%S"),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()

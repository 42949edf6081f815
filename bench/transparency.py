"""Transparency benchmark (issue 4): reports, chain verification and appends at scale,
each against its floor timed in the same run. PostgreSQL only:

    CANDID_PG_PORT=54520 scripts/with-postgres.sh .venv/bin/python bench/transparency.py
    ... bench/transparency.py --notices 50000 --events 50000      # a quick check

It COPYs 1,000,000 notices and a valid hash chain of 1,000,000 moderation events over
2026-H1 (bench/logdata.py), then prints, each with its floor:

- the NetzDG and the DSA report for 2026-H1 vs one bare
  `SELECT ground, count(*) FROM moderation_notice GROUP BY ground` (goal <= 5x); for
  context also a bare GROUP BY over core_event's kind (the reports read the log);
- verifying the whole chain as stored (transparency.verification.verify_stored_log) and as
  published (the JSON Lines download, `verify_event_log --file`) vs SHA-256 over the
  same canonical bytes with hashlib in a tight loop (goal <= 2x);
- appending one event (event_record inside transaction.atomic) vs a bare single-row INSERT
  into core_event in its own transaction, interleaved (goal <= 3x).

Results also go to bench/out/transparency.json.
"""

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import use_project_path  # noqa: E402

use_project_path()

from bench import common  # noqa: E402

PERIOD = "2026-H1"
NOTICE_FLOOR = "SELECT ground, count(*) FROM moderation_notice GROUP BY ground"
EVENT_FLOOR = "SELECT kind, count(*) FROM core_event GROUP BY kind"


def main() -> None:
    args = _arguments()
    common.require_postgres()
    with tempfile.TemporaryDirectory(prefix="candid-transparency-") as data_dir:
        common.environment(data_dir)
        written = _prepare(args)
        from bench.logtimings import append_figures, report_figures, verify_figures

        figures = {
            "reports": report_figures(PERIOD, NOTICE_FLOOR, EVENT_FLOOR, rounds=args.rounds),
            "verify": verify_figures(written.blobs, written.head_hash),
            "append": append_figures(args.appends),
        }
    _report(args, written, figures)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notices", type=int, default=1_000_000)
    parser.add_argument("--events", type=int, default=None, help="default: as many as notices")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the report timings")
    parser.add_argument("--appends", type=int, default=1000, help="appends timed (1000)")
    args = parser.parse_args()
    args.events = args.events or args.notices
    return args


def _prepare(args: argparse.Namespace):
    import django

    django.setup()
    from django.core.management import call_command

    from bench.logdata import generate
    from moderation.models import Notice

    call_command("migrate", verbosity=0)
    if Notice.objects.exists():
        sys.exit("The database already holds notices; give an empty one (DATABASE_URL).")
    started = time.perf_counter()
    written = generate(notices=args.notices, events=args.events)
    print(
        f"COPY: {written.notices} notices in {written.cases} cases, {written.events} chained"
        f" events (the stories of {written.logged_cases} cases) in"
        f" {time.perf_counter() - started:.1f} s"
    )
    for kind, count in sorted(written.kinds.items(), key=lambda item: -item[1]):
        print(f"  {count:9d}  {kind}")
    written.fold_seconds = _fold(written.events)
    return written


def _fold(events: int) -> float:
    """What `transparency_upkeep` does between reports: folds the log into the reports'
    facts (transparency/facts.py). Then VACUUM ANALYZE, as autovacuum does after a bulk
    load: statistics for the planner, hint bits and visibility maps for every table,
    floors included. Reports fold whatever is newer themselves; the timed ones find
    nothing left."""
    from django.db import connection

    from transparency.facts import facts_fold

    started = time.perf_counter()
    facts = facts_fold(upto=events)
    elapsed = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"folded {events} events into {facts} report facts in {elapsed:.1f} s (once)")
    return elapsed


def _report(args, written, figures: dict) -> None:
    print(f"\n{written.notices} notices, {written.events} events, PostgreSQL, period {PERIOD}")
    print(f"{'figure':34} {'time':>9} {'floor':>9} {'ratio':>6}  goal")
    for name, row in _rows(figures):
        met = "MET" if row["ratio"] <= row["goal"] else "NOT MET"
        print(
            f"{name:34} {_ms(row['time'])} {_ms(row['floor'])} {row['ratio']:6.2f}"
            f"  <= {row['goal']}x {met}"
        )
    reports = figures["reports"]
    print(
        f"(context: bare GROUP BY over core_event.kind {_ms(reports['event_floor'])};"
        f" NetzDG report / that = {reports['netzdg'] / reports['event_floor']:.2f},"
        f" DSA report / that = {reports['dsa'] / reports['event_floor']:.2f};"
        f" verify: {figures['verify']['checked']} events, ok={figures['verify']['verdict']},"
        f" the same walk in Python {_ms(figures['verify']['python'])};"
        f" folding the log into report facts once: {written.fold_seconds:.1f} s)"
    )
    common.OUT.mkdir(parents=True, exist_ok=True)
    (common.OUT / "transparency.json").write_text(
        json.dumps(
            {
                "args": vars(args),
                "kinds": written.kinds,
                "fold_seconds": written.fold_seconds,
                "figures": figures,
                "at": time.strftime("%Y-%m-%dT%H:%M:%S"),
            },
            indent=2,
            default=str,
        )
    )


def _rows(figures: dict):
    reports, verify, append = figures["reports"], figures["verify"], figures["append"]
    floor = reports["notice_floor"]
    yield "NetzDG report vs GROUP BY notices", _row(reports["netzdg"], floor, 5)
    yield "DSA report vs GROUP BY notices", _row(reports["dsa"], floor, 5)
    yield "verify stored chain vs hashlib loop", _row(verify["time"], verify["floor"], 2)
    yield "verify published log vs hashlib", _row(verify["file"], verify["floor"], 2)
    yield "append event vs bare INSERT (med.)", _row(append["time"], append["floor"], 3)


def _row(time_s: float, floor_s: float, goal: float) -> dict:
    return {"time": time_s, "floor": floor_s, "ratio": time_s / floor_s, "goal": goal}


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:7.2f}ms" if seconds < 1 else f"{seconds:8.2f}s"


if __name__ == "__main__":
    main()

"""The timings of bench/transparency.py, each figure with its floor in the same run."""

import hashlib
import statistics
import tempfile
import time
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone

from core import chain
from core.events import event_record

BARE_EVENT = (
    "INSERT INTO core_event (kind, actor_id, subject_type, subject_id, data, private, "
    "created_at, chain_seq, prev_hash, hash, public) "
    "VALUES (%s, NULL, %s, %s, %s, '{}', %s, NULL, '', '', '')"
)


def report_figures(period: str, notice_floor: str, event_floor: str, *, rounds: int) -> dict:
    """Median over rounds of each report and the bare GROUP BYs, interleaved."""
    from transparency.reports.dsa import dsa_report
    from transparency.reports.netzdg import netzdg_report

    runs = {"netzdg": [], "dsa": [], "notice_floor": [], "event_floor": []}
    for round_ in range(rounds):
        runs["notice_floor"].append(_time_sql(notice_floor))
        runs["netzdg"].append(_time(lambda: netzdg_report(period)))
        runs["event_floor"].append(_time_sql(event_floor))
        runs["dsa"].append(_time(lambda: dsa_report(period)))
        runs["notice_floor"].append(_time_sql(notice_floor))
        print(
            f"  round {round_ + 1}: NetzDG {runs['netzdg'][-1]:.2f} s, DSA {runs['dsa'][-1]:.2f} s,"
            f" GROUP BY notices {runs['notice_floor'][-1] * 1000:.0f} ms,"
            f" GROUP BY events {runs['event_floor'][-1] * 1000:.0f} ms",
            flush=True,
        )
    report = netzdg_report(period)
    print(f"  NetzDG {period}: {report.received} notices received, counted {report.counted}")
    return {name: statistics.median(values) for name, values in runs.items()}


def verify_figures(blobs: list[bytes], head_hash: str) -> dict:
    """The chain verified twice, as stored (`verify_event_log`) and as published (the
    JSON Lines download, `verify_event_log --file`), and the floor: SHA-256 over the
    same canonical bytes (kept from generation) in a tight loop. Interleaved, medians of
    three rounds."""
    from core.chain import verify_lines
    from transparency.management.commands.verify_event_log import READ_BUFFER
    from transparency.selectors import public_log_lines
    from transparency.verification import verify_stored_log, walk

    runs = {"time": [], "file": [], "floor": []}
    with tempfile.TemporaryDirectory(prefix="candid-log-") as folder:
        path = Path(folder) / "events.jsonl"
        with path.open("w", encoding="utf-8") as out:
            out.writelines(public_log_lines())
        for round_ in range(3):
            runs["floor"].append(_time(lambda: _hash_loop(blobs, head_hash)))
            started = time.perf_counter()
            verdict = verify_stored_log()
            runs["time"].append(time.perf_counter() - started)
            started = time.perf_counter()
            with path.open("rb", buffering=READ_BUFFER) as lines:
                from_file = verify_lines(lines)
            runs["file"].append(time.perf_counter() - started)
            assert verdict.ok and from_file.ok and from_file.head_hash == head_hash
            print(
                f"  round {round_ + 1}: verify_stored_log {runs['time'][-1]:.2f} s,"
                f" verify --file {runs['file'][-1]:.2f} s, hashlib loop {runs['floor'][-1]:.2f} s",
                flush=True,
            )
    print(f"  {verdict.describe()}", flush=True)
    python = _time(lambda: walk(verdict.head_seq))
    print(f"  context: the same links walked in Python (as on SQLite): {python:.2f} s", flush=True)
    figures = {name: statistics.median(values) for name, values in runs.items()}
    return {**figures, "python": python, "checked": verdict.checked, "verdict": verdict.ok}


def _hash_loop(blobs: list[bytes], head_hash: str) -> None:
    link = chain.GENESIS
    sha256 = hashlib.sha256
    for blob in blobs:
        link = sha256(link.encode() + blob).hexdigest()
    assert link == head_hash, "the floor loop did not reproduce the chain head"


def append_figures(count: int) -> dict:
    """Medians of `count` chained appends and `count` bare INSERTs, interleaved."""
    appends, inserts = [], []
    data = {"case_id": 1, "channel": "web", "ground": "rules", "target_type": "photo"}
    for i in range(count):
        started = time.perf_counter()
        with transaction.atomic():
            event_record(kind="moderation.bench_append", data={**data, "n": i})
        appends.append(time.perf_counter() - started)
        params = ("bench.bare", "", None, f'{{"n": {i}}}', timezone.now())
        started = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(BARE_EVENT, params)
        inserts.append(time.perf_counter() - started)
    from transparency.verification import verify_stored_log

    print(f"  after the appends: {verify_stored_log().describe()}", flush=True)
    return {"time": statistics.median(appends), "floor": statistics.median(inserts)}


def _time(function) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def _time_sql(sql: str) -> float:
    with connection.cursor() as cursor:
        started = time.perf_counter()
        cursor.execute(sql)
        cursor.fetchall()
        return time.perf_counter() - started

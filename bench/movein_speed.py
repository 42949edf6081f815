"""Move-in speed against the plain upload pipeline, in one process, and the dataset
match against a large manifest (issue 18).

    .venv/bin/python bench/movein_speed.py                       # 2,000 photos, 3 rounds
    .venv/bin/python bench/movein_speed.py --photos 10000 --rounds 1
    .venv/bin/python bench/movein_speed.py --photos 200 --manifest-rows 10000000

One process, one throw-away data directory (SQLite). A Flickr-shaped export of `--photos`
small real JPEGs (Pillow-encoded sample photo, each made its own file by a JPEG comment)
is written once (bench/import_flickr.write_export). Each round then imports the same
files twice, each time into a fresh account: the plain pipeline (`photo_upload` on the
extracted files, one after the other) and the move-in (`movein_from_paths`: check, store,
the worker step with in-process tasks). The order alternates from round to round, so a
drift of the shared machine hits both alike. Printed: each round's photos per second and
ratio, then the median ratio (goal ≥ 0.9) and this process's peak RSS.

`--manifest-rows N` (0: skip) then writes a YFCC100M-shaped manifest of N rows
(consent.manifests.generate) plus one row for each of 500 imported photos (their Flickr
ids and the export's NSID), imports it with `manifest_import` (streamed, batch by batch)
with the peak RSS reset before (Linux `clear_refs`) and the RSS sampled as it goes, and
times the dataset match of the last move-in's photos (`imported_in_datasets`, median of
3) as a share of that move-in's import time (goal < 5%).
"""

import argparse
import csv
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != os.path.dirname(__file__)]
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOAL_RATIO, GOAL_MATCH_SHARE, MATCHED = 0.9, 0.05, 500


def status_mib(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise KeyError(field)


def reset_peak() -> None:
    Path("/proc/self/clear_refs").write_text("5")


def fresh_user(name: str):
    from accounts.models import PlanPolicy
    from accounts.services import user_create_passwordless

    user = user_create_passwordless(username=name)
    PlanPolicy.objects.update_or_create(plan=user.plan, defaults={"photo_quota": 10**8})
    return user


def plain(folder: Path, name: str) -> tuple[float, int]:
    from photos.models import Photo
    from photos.services import photo_upload

    user = fresh_user(name)
    started = time.perf_counter()
    for path in sorted((folder / "plain").iterdir()):
        with open(path, "rb") as stream:
            photo_upload(owner=user, file=stream, filename=path.name, size=path.stat().st_size)
    seconds = time.perf_counter() - started
    return seconds, Photo.objects.filter(owner=user).count()


def move_in(folder: Path, name: str) -> tuple[float, int]:
    from photos.models import Photo
    from rights.services.movein import movein_from_paths

    fresh_user(name)
    started = time.perf_counter()
    run = movein_from_paths(paths=[str(folder)], username=name, create_user=False)
    seconds = time.perf_counter() - started
    assert run.state == "completed", (run.state, run.error)
    return seconds, Photo.objects.filter(owner__username=name).count()


def speed(folder: Path, photos: int, rounds: int) -> tuple[list[float], float, str]:
    print("| round | order | plain photos/s | move-in photos/s | ratio | peak RSS MB |")
    print("| --- | --- | --- | --- | --- | --- |")
    ratios, last_move_in, last_user = [], 0.0, ""
    for round_no in range(1, rounds + 1):
        order = ["plain", "move-in"] if round_no % 2 else ["move-in", "plain"]
        rates = {}
        for kind in order:
            name = f"{'p' if kind == 'plain' else 'm'}{photos}r{round_no}"
            seconds, count = (plain if kind == "plain" else move_in)(folder, name)
            assert count == photos, (kind, count)
            rates[kind] = photos / seconds
            if kind == "move-in":
                last_move_in, last_user = seconds, name
        ratio = rates["move-in"] / rates["plain"]
        ratios.append(ratio)
        print(
            f"| {round_no} | {' then '.join(order)} | {rates['plain']:.1f} "
            f"| {rates['move-in']:.1f} | {ratio:.2f} | {status_mib('VmHWM'):.0f} |",
            flush=True,
        )
    return ratios, last_move_in, last_user


def manifest(tmp: Path, rows: int, first_id: int, photos: int) -> Path:
    from consent.manifests.generate import LICENCES, write_manifest

    path = tmp / "yfcc-like.csv"
    started = time.perf_counter()
    write_manifest(path, rows)
    with open(path, "a", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        for n in range(0, photos, max(1, photos // MATCHED))[:MATCHED]:
            photo_id = first_id + n
            url = f"http://farm8.staticflickr.com/7001/{photo_id}_a1b2c3d4e5.jpg"
            out.writerow([photo_id, "1@N01", "anna_k", url, LICENCES[0][0], ""])
    size = path.stat().st_size / 1e6
    print(
        f"manifest: {rows:,} rows + {MATCHED} of ours, {size:,.0f} MB, written in "
        f"{time.perf_counter() - started:.0f} s",
        flush=True,
    )
    return path


def manifest_phase(tmp: Path, rows: int, photos: int, move_in_seconds: float, user: str):
    from accounts.models import User
    from consent.selectors.origins import imported_in_datasets
    from consent.services.manifests import manifest_import

    path = manifest(tmp, rows, 10_000, photos)
    samples: list[tuple[int, float, float]] = []
    step = max(1, rows // 10)

    def progress(done: int, _rejected: int) -> None:
        if not samples or done - samples[-1][0] >= step:
            samples.append((done, status_mib("VmRSS"), status_mib("VmHWM")))

    before = status_mib("VmRSS")
    reset_peak()
    started = time.perf_counter()
    report = manifest_import(
        path=path, name="YFCC-like", version="1", contact="x@example.org", progress=progress
    )
    seconds = time.perf_counter() - started
    peak = status_mib("VmHWM")
    print(
        f"manifest_import: {report.imported:,} rows in {seconds:.0f} s "
        f"({report.imported / seconds:,.0f} rows/s); RSS before {before:.0f} MB, "
        f"peak {peak:.0f} MB (+{peak - before:.0f} MB)"
    )
    print(
        "RSS while streaming (rows: RSS / peak so far, MB): "
        + ", ".join(f"{d:,}: {m:.0f} / {p:.0f}" for d, m, p in samples)
    )
    owner = User.objects.get(username=user)
    times = []
    for _ in range(3):
        started = time.perf_counter()
        hits = imported_in_datasets(owner)
        times.append(time.perf_counter() - started)
    found = sum(len(h.photos) for h in hits)
    match = statistics.median(times)
    share = match / move_in_seconds
    print(
        f"dataset match of {photos:,} imported photos against {report.imported:,} rows: "
        f"{match * 1000:.0f} ms median ({found} found), {share:.2%} of the move-in's "
        f"{move_in_seconds:.0f} s: goal < {GOAL_MATCH_SHARE:.0%} "
        f"{'met' if share < GOAL_MATCH_SHARE else 'NOT met'}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--photos", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--megapixels", type=float, default=0.3, help="0.3: 632 × 474 px")
    parser.add_argument("--manifest-rows", type=int, default=0)
    args = parser.parse_args()
    from bench.import_flickr import setup_django, write_export

    with tempfile.TemporaryDirectory(prefix="candid-bench-movein-") as tmp:
        setup_django(tmp)
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", verbosity=0)
        folder = Path(tmp) / "export"
        started = time.perf_counter()
        write_export(folder, args.photos, args.megapixels)
        size = sum(p.stat().st_size for p in (folder / "plain").iterdir()) / args.photos / 1024
        print(
            f"database: {connection.vendor}; {args.photos:,} JPEGs of {args.megapixels} MP "
            f"({size:.0f} KiB each), export written in {time.perf_counter() - started:.0f} s; "
            f"{args.rounds} rounds"
        )
        ratios, move_in_seconds, user = speed(folder, args.photos, args.rounds)
        median = statistics.median(ratios)
        print(
            f"median ratio move-in / plain: {median:.2f} (goal ≥ {GOAL_RATIO}: "
            f"{'met' if median >= GOAL_RATIO else 'NOT met'}); peak RSS of this process "
            f"{status_mib('VmHWM'):.0f} MB"
        )
        if args.manifest_rows:
            manifest_phase(Path(tmp), args.manifest_rows, args.photos, move_in_seconds, user)


if __name__ == "__main__":
    main()

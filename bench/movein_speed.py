"""Move-in speed against the plain upload pipeline, in one process, and the dataset
match against a large manifest (issue 18).

    .venv/bin/python bench/movein_speed.py                       # 2,000 12-MP photos, 3 rounds
    .venv/bin/python bench/movein_speed.py --manifest-rows 10000000
    .venv/bin/python bench/movein_speed.py --photos 10000 --megapixels 1 --rounds 1 --only move-in

One process, one throw-away data directory (SQLite). A Flickr-shaped export of `--photos`
camera-like JPEGs (default 12 MP, 4000 x 3000, as the issue says) is written once and
kept under bench/out/movein-export-*: a few distinct base images (photos.samples, noise
and quality as bench/upload.py, whose cache bench/out/samples-* they share; encoded in
child processes, so the encoding's memory is not this process's), each export file one of
them made its own file by a JPEG comment (bench/import_flickr.unique). A second run with
the same size and count re-encodes and rewrites nothing. Each round then imports the
same files twice, each time into a fresh account: the plain pipeline (`photo_upload` on
the extracted files, one after the other, no metadata) and the move-in
(`movein_from_paths`: check, store, the worker step with in-process tasks). The order
alternates from round to round, so a drift of the shared machine hits both alike. After
each side (untimed) its stored media are deleted, so disk use stays one round's worth.
Printed: each round's photos per second, ratio and each side's own peak RSS (reset with
Linux `clear_refs` before it), then the median ratio (goal ≥ 0.9) and the move-in's
highest peak (goal < 300 MB). `--only move-in` runs the move-in alone (memory at a large
export size). `--deflated` writes the media zips compressed instead of stored (the move-in
then copies each photo out of its zip rather than reading it in place).

`--manifest-rows N` (0: skip) then writes a YFCC100M-shaped manifest of N rows
(consent.manifests.generate) plus one row for each of 500 imported photos (their Flickr
ids and the export's NSID), imports it with `manifest_import` (streamed, batch by batch)
with the peak RSS reset before and the RSS sampled as it goes, and times the dataset
match of the last move-in's photos (`imported_in_datasets`, median of 3) as a share of
that move-in's import time (goal < 5%).
"""

import argparse
import csv
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
import zipfile
from multiprocessing import Pool
from pathlib import Path

sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != os.path.dirname(__file__)]
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOAL_RATIO, GOAL_MATCH_SHARE, GOAL_MB, MATCHED = 0.9, 0.05, 300, 500
BASES, PER_ZIP, FIRST_ID = 8, 500, 10_000
OUT = ROOT / "bench" / "out"
STORED: dict[str, float] = {}


def status_mib(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise KeyError(field)


def reset_peak() -> None:
    Path("/proc/self/clear_refs").write_text("5")


def dimensions(megapixels: float) -> tuple[int, int]:
    """4:3, as a camera: 12 MP is 4000 x 3000."""
    width = round((megapixels * 1e6 * 4 / 3) ** 0.5)
    return width, width * 3 // 4


def bases(width: int, height: int) -> list[bytes]:
    """BASES distinct camera-like JPEGs, encoded once in child processes and cached in
    bench/upload.py's folder scheme (the 12-MP ones are its samples)."""
    from bench.upload import NOISE, QUALITY

    folder = OUT / f"samples-{width}x{height}-n{NOISE:g}-q{QUALITY}"
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"{i:04d}.jpg" for i in range(BASES)]
    missing = [(i, width, height) for i, path in enumerate(paths) if not path.exists()]
    if missing:
        print(f"encoding {len(missing)} base JPEGs into {folder} (cached for next runs)")
        with Pool(os.cpu_count() or 1) as pool:
            for (i, _w, _h), data in zip(missing, pool.imap(_base, missing), strict=True):
                paths[i].with_suffix(".part").write_bytes(data)
                paths[i].with_suffix(".part").rename(paths[i])
    return [path.read_bytes() for path in paths]


def _base(job: tuple[int, int, int]) -> bytes:
    from bench.upload import BERLIN, NOISE, QUALITY
    from photos.samples import sample_jpeg

    seed, width, height = job
    return sample_jpeg(width, height, seed=seed, noise=NOISE, quality=QUALITY, gps=BERLIN)


def export(photos: int, width: int, height: int, deflated: bool = False) -> Path:
    """The Flickr-shaped export (metadata zip, data-download-N.zip of PER_ZIP originals
    each) and the same files extracted into plain/, kept in bench/out for the next run."""
    from bench.import_flickr import unique
    from tests.movein.flickr_export import META_ZIP, photo_json

    folder = OUT / f"movein-export-{photos}-{width}x{height}{'-deflated' if deflated else ''}"
    if (folder / "complete").exists():
        return folder
    images = bases(width, height)
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "plain").mkdir(parents=True)
    with zipfile.ZipFile(folder / META_ZIP, "w", zipfile.ZIP_DEFLATED) as meta:
        meta.writestr("account_profile.json", json.dumps({"nsid": "1@N01", "real_name": "B"}))
        for n in range(photos):
            record = json.dumps(photo_json(FIRST_ID + n))
            meta.writestr(f"photo_{FIRST_ID + n}.json", record)
    for start in range(0, photos, PER_ZIP):
        path = folder / f"data-download-{start // PER_ZIP + 1}.zip"
        compression = zipfile.ZIP_DEFLATED if deflated else zipfile.ZIP_STORED
        with zipfile.ZipFile(path, "w", compression) as media:
            for n in range(start, min(start + PER_ZIP, photos)):
                data = unique(images[n % BASES], n)
                media.writestr(f"photo-{n}_{FIRST_ID + n}_o.jpg", data)
                (folder / "plain" / f"{n}.jpg").write_bytes(data)
    (folder / "complete").write_text("")
    return folder


def media_clear() -> None:
    """The stored originals and renditions of the side just timed (their rows stay)."""
    from django.conf import settings

    for part in ("originals", "renditions", "imports"):
        shutil.rmtree(Path(settings.MEDIA_ROOT) / part, ignore_errors=True)


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
    """The whole command's time; STORED gets the part before the worker step starts
    (checking the zips and storing them for the worker)."""
    from django_tasks.signals import task_started

    from photos.models import Photo
    from rights.services.movein import movein_from_paths

    fresh_user(name)
    marks: list[float] = []

    def worker_started(sender, task_result, **kwargs) -> None:
        if task_result.task.module_path.endswith("archive_import_task") and not marks:
            marks.append(time.perf_counter())

    task_started.connect(worker_started, weak=False)
    started = time.perf_counter()
    try:
        run = movein_from_paths(paths=[str(folder)], username=name, create_user=False)
    finally:
        task_started.disconnect(worker_started)
    seconds = time.perf_counter() - started
    assert run.state == "completed", (run.state, run.error)
    STORED[name] = marks[0] - started
    return seconds, Photo.objects.filter(owner__username=name).count()


def speed(folder: Path, photos: int, rounds: int, sides: list[str]):
    """Each round's rates, ratio and each side's own peak RSS (MB)."""
    print(
        "| round | order | plain photos/s | move-in photos/s | ratio | plain peak RSS MB "
        "| move-in peak RSS MB | move-in: check and store s |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    ratios, peaks, last_move_in, last_user = [], [], 0.0, ""
    for round_no in range(1, rounds + 1):
        order = sides if round_no % 2 else sides[::-1]
        rates, peak, stored = {}, {}, None
        for kind in order:
            name = f"{'p' if kind == 'plain' else 'm'}{photos}r{round_no}"
            reset_peak()
            seconds, count = (plain if kind == "plain" else move_in)(folder, name)
            peak[kind] = status_mib("VmHWM")
            media_clear()
            assert count == photos, (kind, count)
            rates[kind] = photos / seconds
            if kind == "move-in":
                last_move_in, last_user = seconds, name
                peaks.append(peak[kind])
                stored = STORED[name]
        ratio = rates["move-in"] / rates["plain"] if len(rates) == 2 else None
        if ratio is not None:
            ratios.append(ratio)

        def shown(value, pattern: str) -> str:
            return "–" if value is None else pattern.format(value)

        print(
            f"| {round_no} | {' then '.join(order)} | {shown(rates.get('plain'), '{:.1f}')} "
            f"| {shown(rates.get('move-in'), '{:.1f}')} | {shown(ratio, '{:.2f}')} "
            f"| {shown(peak.get('plain'), '{:.0f}')} | {shown(peak.get('move-in'), '{:.0f}')} "
            f"| {shown(stored, '{:.1f}')} |",
            flush=True,
        )
    return ratios, peaks, last_move_in, last_user


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

    path = manifest(tmp, rows, FIRST_ID, photos)
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
    parser.add_argument("--megapixels", type=float, default=12, help="12: 4000 × 3000 px")
    parser.add_argument("--manifest-rows", type=int, default=0)
    parser.add_argument("--only", choices=["move-in"], help="the move-in alone (its memory)")
    parser.add_argument("--deflated", action="store_true", help="compressed media zips")
    args = parser.parse_args()
    width, height = dimensions(args.megapixels)
    started = time.perf_counter()
    folder = export(args.photos, width, height, args.deflated)
    written = time.perf_counter() - started
    from bench.import_flickr import setup_django

    with tempfile.TemporaryDirectory(prefix="candid-bench-movein-") as tmp:
        setup_django(tmp)
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", verbosity=0)
        size = sum(p.stat().st_size for p in (folder / "plain").iterdir()) / args.photos / 1024
        print(
            f"database: {connection.vendor}; {args.photos:,} JPEGs of {width} × {height} px "
            f"({size:,.0f} KiB each) in {folder.relative_to(ROOT)} (ready in {written:.0f} s); "
            f"{args.rounds} rounds",
            flush=True,
        )
        sides = ["move-in"] if args.only else ["plain", "move-in"]
        ratios, peaks, move_in_seconds, user = speed(folder, args.photos, args.rounds, sides)
        peak = max(peaks)
        if ratios:
            median = statistics.median(ratios)
            print(
                f"median ratio move-in / plain: {median:.2f} (goal ≥ {GOAL_RATIO}: "
                f"{'met' if median >= GOAL_RATIO else 'NOT met'})"
            )
        print(
            f"move-in's peak RSS: {peak:.0f} MB (goal < {GOAL_MB} MB: "
            f"{'met' if peak < GOAL_MB else 'NOT met'}); this process's peak since the last "
            f"reset {status_mib('VmHWM'):.0f} MB",
            flush=True,
        )
        if args.manifest_rows:
            manifest_phase(Path(tmp), args.manifest_rows, args.photos, move_in_seconds, user)


if __name__ == "__main__":
    main()

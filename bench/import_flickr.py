"""Flickr move-in benchmark: photos per second of `import_flickr` against the plain upload
pipeline (`photo_upload`) on the same files in the same run, and the import's peak memory.

    .venv/bin/python bench/import_flickr.py                          # 2,000 photos, 12 MP
    .venv/bin/python bench/import_flickr.py --photos 200 --megapixels 2
    .venv/bin/python bench/import_flickr.py --photos 2000 10000 --megapixels 1  # memory

The parent writes a Flickr-shaped export (tests/movein/flickr_export.photo_json records in
a metadata zip, originals in data-download-N.zip of at most 500 photos each) in a
throw-away data directory. Every original is one encoded sample JPEG with a unique JPEG
comment, so each has its own SHA-256 and none is matched as a duplicate. Then fresh child
processes (a fresh account each) time the plain pipeline on the extracted files, and the
move-in on the zips (in-process tasks: the import runs at once), each reporting its peak
resident memory (`VmHWM`). Goals (issue 18): the move-in at ≥ 0.9× the plain
pipeline's rate; peak memory < 300 MB whatever the export size.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != os.path.dirname(__file__)]
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOAL_RATIO, GOAL_MB, PER_ZIP = 0.9, 300, 500


def setup_django(data_dir: str) -> None:
    os.environ.update(
        CANDID_DATA_DIR=data_dir,
        DJANGO_SETTINGS_MODULE="candid.settings",
        LOG_LEVEL="ERROR",
        CANDID_TASKS="immediate",
    )
    os.environ.pop("CANDID_S3_BUCKET", None)
    import django

    django.setup()


def unique(jpeg: bytes, n: int) -> bytes:
    """The same image with a comment segment naming `n`: another file, another hash."""
    text = f"candid bench {n}".encode()
    return jpeg[:2] + b"\xff\xfe" + (len(text) + 2).to_bytes(2, "big") + text + jpeg[2:]


def write_export(folder: Path, photos: int, megapixels: float) -> list[Path]:
    from photos.samples import sample_jpeg
    from tests.movein.flickr_export import META_ZIP, photo_json

    width = int((megapixels * 1e6 * 4 / 3) ** 0.5)
    jpeg = sample_jpeg(width, width * 3 // 4, seed=7)
    folder.mkdir(parents=True)
    plain = folder / "plain"
    plain.mkdir()
    paths = [folder / META_ZIP]
    with zipfile.ZipFile(paths[0], "w", zipfile.ZIP_DEFLATED) as meta:
        meta.writestr("account_profile.json", json.dumps({"nsid": "1@N01", "real_name": "B"}))
        for n in range(photos):
            meta.writestr(f"photo_{10_000 + n}.json", json.dumps(photo_json(10_000 + n)))
    for start in range(0, photos, PER_ZIP):
        path = folder / f"data-download-{start // PER_ZIP + 1}.zip"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as media:
            for n in range(start, min(start + PER_ZIP, photos)):
                data = unique(jpeg, n)
                media.writestr(f"photo-{n}_{10_000 + n}_o.jpg", data)
                (plain / f"{n}.jpg").write_bytes(data)
        paths.append(path)
    return paths


def run(mode: str, folder: str, username: str) -> dict:
    from accounts.models import PlanPolicy
    from accounts.services import user_create_passwordless
    from photos.models import Photo

    user = user_create_passwordless(username=username)
    PlanPolicy.objects.update_or_create(plan=user.plan, defaults={"photo_quota": 10**7})
    started = time.perf_counter()
    if mode == "plain":
        from photos.services import photo_upload

        for path in sorted(Path(folder, "plain").iterdir()):
            with open(path, "rb") as stream:
                photo_upload(owner=user, file=stream, filename=path.name, size=path.stat().st_size)
    else:
        from rights.services.movein import movein_from_paths

        run = movein_from_paths(paths=[folder], username=username, create_user=False)
        assert run.state == "completed", (run.state, run.error)
    seconds = time.perf_counter() - started
    count = Photo.objects.filter(owner=user).count()
    return {
        "photos": count,
        "seconds": round(seconds, 1),
        "rate": round(count / seconds, 2),
        "maxrss_mb": round(own_peak_kib() / 1024, 1),
    }


def own_peak_kib() -> int:
    """This process's own peak RSS (VmHWM). Not `ru_maxrss`: after fork/exec it starts at
    the parent's peak, and the parent encoded a 12-MP sample (about 0.9 GB of float
    pixels), which every child then reported as its own (bench/pipeline_memory.py)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def child(mode: str, data_dir: str, folder: str, username: str) -> dict:
    args = [sys.executable, __file__, "--child", mode, data_dir, folder, username]
    out = subprocess.run(args, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(out.stderr)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--photos", type=int, nargs="+", default=[2000])
    parser.add_argument("--megapixels", type=float, default=12.0)
    parser.add_argument("--child", nargs=4, metavar=("MODE", "DATA_DIR", "FOLDER", "USER"))
    args = parser.parse_args()
    if args.child:
        mode, data_dir, folder, username = args.child
        setup_django(data_dir)
        print(json.dumps(run(mode, folder, username)))
        return
    with tempfile.TemporaryDirectory(prefix="candid-bench-flickr-") as data_dir:
        setup_django(data_dir)
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", verbosity=0)
        connection.close()
        print(
            f"database: {connection.vendor}; {args.megapixels} MP JPEGs; goals: "
            f"≥ {GOAL_RATIO}× the plain pipeline, peak RSS < {GOAL_MB} MB"
        )
        print(
            "| photos | plain photos/s | move-in photos/s | ratio | plain peak RSS MB "
            "| move-in peak RSS MB | goals |"
        )
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for photos in args.photos:
            folder = Path(data_dir) / f"export-{photos}"
            write_export(folder, photos, args.megapixels)
            plain = child("plain", data_dir, str(folder), f"plain{photos}")
            moved = child("movein", data_dir, str(folder), f"moved{photos}")
            assert plain["photos"] == moved["photos"] == photos, (plain, moved)
            ratio = moved["rate"] / plain["rate"]
            met = ratio >= GOAL_RATIO and moved["maxrss_mb"] < GOAL_MB
            print(
                f"| {photos:,} | {plain['rate']} | {moved['rate']} | {ratio:.2f} "
                f"| {plain['maxrss_mb']} | {moved['maxrss_mb']} | {'met' if met else 'NOT met'} |"
            )


if __name__ == "__main__":
    main()

"""Export benchmark: how long an export of a large account takes, and how much memory.

    .venv/bin/python bench/export.py                 # 2,000 and 10,000 photos, SQLite
    .venv/bin/python bench/export.py --sizes 500     # any sizes
    CANDID_PG_PORT=54610 scripts/with-postgres.sh .venv/bin/python bench/export.py

For each size the parent process makes an account with that many photos in a throw-away
data directory: one small real JPEG (64x48) is encoded once and copied to a file of its
own per photo, rows are bulk-created (photos, two renditions each, one album with every
photo). Then a fresh child process runs the real export (`export_request`, which enqueues
`export_build_task`; the in-process backend runs it at once) and reports its time and the
child's peak resident memory (`ru_maxrss`, the whole process: Python, Django, the
database driver); a second child runs it under `tracemalloc` for the peak of Python
allocations. Goal: peak memory under 200 MB whatever the account size.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != os.path.dirname(__file__)]
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOAL_MB = 200


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


def make_account(size: int, username: str):
    from django.conf import settings

    from accounts.models import User
    from photos.models import Album, AlbumPhoto, Photo, Rendition
    from photos.samples import sample_jpeg

    user = User.objects.create_user(username=username, email=f"{username}@example.org")
    data = sample_jpeg(64, 48, seed=1)
    folder = Path(settings.MEDIA_ROOT) / "originals" / str(user.pk)
    folder.mkdir(parents=True, exist_ok=True)
    album = Album.objects.create(owner=user, title="Everything")
    for start in range(0, size, 1000):
        batch = []
        for i in range(start, min(start + 1000, size)):
            (folder / f"{i}.jpg").write_bytes(data)
            batch.append(_photo(Photo, user, f"originals/{user.pk}/{i}.jpg", len(data), i))
        photos = Photo.objects.bulk_create(batch)
        Rendition.objects.bulk_create(
            Rendition(
                photo=p, size=s, width=w, height=h, file=f"renditions/{p.pk}/{s}.jpg", bytes=900
            )
            for p in photos
            for s, w, h in (("small", 64, 48), ("large", 64, 48))
        )
        AlbumPhoto.objects.bulk_create(
            AlbumPhoto(album=album, photo=p, position=start + n) for n, p in enumerate(photos)
        )
    return user


def _photo(Photo, user, path: str, size: int, i: int):
    return Photo(
        owner=user,
        title=f"Photo {i}",
        description="A small photo made for the export benchmark.",
        original=path,
        original_format="JPEG",
        original_bytes=size,
        width=64,
        height=48,
        sha256="0" * 64,
        pdq_hash="0" * 64,
        pdq_quality=100,
    )


def run_export(username: str, trace: bool) -> dict:
    """In a fresh process: only the export's own memory counts."""
    import tracemalloc

    from accounts.models import User
    from rights.models import DataExport
    from rights.services.exports import export_request

    user = User.objects.get(username=username)
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    export = export_request(actor=user, user=user)  # on_commit: the task runs at once
    seconds = time.perf_counter() - started
    export = DataExport.objects.get(pk=export.pk)
    peak = tracemalloc.get_traced_memory()[1] if trace else None
    return {
        "state": export.state,
        "photos": export.photo_count,
        "bytes": export.bytes,
        "seconds": round(seconds, 2),
        "maxrss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "tracemalloc_peak_mb": round(peak / 2**20, 1) if peak is not None else None,
    }


def child(data_dir: str, username: str, trace: bool) -> dict:
    args = [sys.executable, __file__, "--child", data_dir, username]
    out = subprocess.run([*args, *(["--trace"] if trace else [])], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(out.stderr)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--child", nargs=2, metavar=("DATA_DIR", "USERNAME"))
    parser.add_argument("--trace", action="store_true")
    args = parser.parse_args()
    if args.child:
        setup_django(args.child[0])
        print(json.dumps(run_export(args.child[1], args.trace)))
        return
    with tempfile.TemporaryDirectory(prefix="candid-bench-export-") as data_dir:
        setup_django(data_dir)
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", verbosity=0)
        print(f"database: {connection.vendor}; goal: peak memory < {GOAL_MB} MB")
        print("| photos | archive MB | seconds | peak RSS MB | tracemalloc peak MB | goal |")
        print("| --- | --- | --- | --- | --- | --- |")
        for size in args.sizes:
            username = f"bench{size}-{os.getpid()}"
            make_account(size, username)
            connection.close()
            timed = child(data_dir, username, trace=False)
            traced = child(data_dir, username, trace=True)
            assert timed["state"] == "ready" and timed["photos"] == size, timed
            met = "met" if max(timed["maxrss_mb"], traced["maxrss_mb"]) < GOAL_MB else "NOT met"
            print(
                f"| {size:,} | {timed['bytes'] / 2**20:.1f} | {timed['seconds']} "
                f"| {timed['maxrss_mb']} | {traced['tracemalloc_peak_mb']} | {met} |"
            )


if __name__ == "__main__":
    main()

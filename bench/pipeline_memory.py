"""Peak resident memory of one upload through `photo_upload`, per image size and format.

    .venv/bin/python bench/pipeline_memory.py                  # 12 and 24 MP JPEG, PNG, HEIF
    .venv/bin/python bench/pipeline_memory.py --megapixels 12 --formats JPEG --uploads 5

Each measurement runs in a fresh child process: Django set up, a user made, then
`--uploads` uploads of the same file (each made a new file by a JPEG comment or PNG text
chunk, so each is stored as a new photo). The figure is the child's own high-water mark,
`VmHWM` from /proc/self/status: Django included, the pipeline's part shown separately.

Why not `ru_maxrss`: on Linux a child started with fork/exec starts `ru_maxrss` at its
parent's peak (the kernel keeps the larger of the old and new address space's high-water
mark across execve). A parent that generated a 12-MP sample photo (about 0.9 GB of float
pixels in photos.samples) hands that figure to every child it starts: this is what
bench/import_flickr.py reported as the pipeline's 958 MB before. The sample files are
therefore written by a child of their own, and `VmHWM` (per address space) is reported.
Goal (issue 18): peak < 300 MB for the worker process.
"""

import argparse
import io
import json
import os
import resource
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != os.path.dirname(__file__)]
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOAL_MB = 300


def setup_django(data_dir: str) -> None:
    os.environ.update(
        CANDID_DATA_DIR=data_dir,
        DJANGO_SETTINGS_MODULE="candid.settings",
        LOG_LEVEL="ERROR",
        CANDID_TASKS="immediate",
    )
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))  # a throw-away site
    os.environ.pop("CANDID_S3_BUCKET", None)
    import django

    django.setup()


def status_mib(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise KeyError(field)


def prepare(data_dir: str, folder: str, megapixels: list[float], formats: list[str]) -> None:
    """Migrate and write one sample file per size and format (in this throw-away child)."""
    from django.core.management import call_command

    from photos.samples import camera_exif, sample_image

    call_command("migrate", verbosity=0)
    for mp in megapixels:
        width = int((mp * 1e6 * 4 / 3) ** 0.5)
        image = sample_image(width, width * 3 // 4, seed=7)
        for fmt in formats:
            out = io.BytesIO()
            exif = camera_exif().tobytes()
            if fmt == "JPEG":
                image.save(out, "JPEG", quality=90, exif=exif)
            elif fmt == "PNG":
                image.save(out, fmt, exif=exif, compress_level=1)
            else:
                image.save(out, fmt, exif=exif, quality=90)
            Path(folder, f"{mp:g}mp.{fmt.lower()}").write_bytes(out.getvalue())
        del image


def variant(data: bytes, fmt: str, n: int) -> bytes:
    """The same pixels in another file: a JPEG comment or a PNG tEXt chunk naming `n`."""
    if fmt == "JPEG":
        text = f"candid bench {n}".encode()
        return data[:2] + b"\xff\xfe" + (len(text) + 2).to_bytes(2, "big") + text + data[2:]
    if fmt != "PNG":
        return data  # nothing refuses the same file twice; the comment only tells them apart
    import zlib

    body = b"tEXt" + b"Comment\x00" + f"candid bench {n}".encode()
    chunk = (len(body) - 4).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")
    return data[:33] + chunk + data[33:]  # after the signature and IHDR


def measure(folder: str, name: str, uploads: int) -> dict:
    from accounts.models import PlanPolicy
    from accounts.services import user_create_passwordless
    from photos.services import photo_upload

    user = user_create_passwordless(username=f"u{os.getpid()}")
    PlanPolicy.objects.update_or_create(plan=user.plan, defaults={"photo_quota": 10**7})
    fmt = name.rsplit(".", 1)[1].upper()
    source = Path(folder, name).read_bytes()
    paths = []
    for n in range(uploads):
        path = Path(folder, f"{os.getpid()}-{n}-{name}")
        path.write_bytes(variant(source, fmt, n))
        paths.append(path)
    del source
    baseline = status_mib("VmRSS")
    seconds = []
    for path in paths:
        started = time.perf_counter()
        with open(path, "rb") as stream:
            photo_upload(owner=user, file=stream, filename=path.name, size=path.stat().st_size)
        seconds.append(time.perf_counter() - started)
        path.unlink()
    peak = status_mib("VmHWM")
    return {
        "file": name,
        "file_mb": round(Path(folder, name).stat().st_size / 2**20, 1),
        "baseline_mb": round(baseline, 1),
        "peak_mb": round(peak, 1),
        "pipeline_mb": round(peak - baseline, 1),
        "ru_maxrss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "median_s": round(sorted(seconds)[len(seconds) // 2], 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--megapixels", type=float, nargs="+", default=[12.0, 24.0])
    parser.add_argument("--formats", nargs="+", default=["JPEG", "PNG", "HEIF"])
    parser.add_argument("--uploads", type=int, default=3)
    parser.add_argument("--child", nargs="+")
    args = parser.parse_args()
    if args.child:
        mode, data_dir, folder, *rest = args.child
        setup_django(data_dir)
        if mode == "prepare":
            prepare(data_dir, folder, args.megapixels, args.formats)
        else:
            print(json.dumps(measure(folder, rest[0], args.uploads)))
        return
    with tempfile.TemporaryDirectory(prefix="candid-bench-pipemem-") as data_dir:
        folder = Path(data_dir, "samples")
        folder.mkdir()
        mp_args = ["--megapixels", *map(str, args.megapixels), "--formats", *args.formats]
        subprocess.run(
            [sys.executable, __file__, *mp_args, "--child", "prepare", data_dir, str(folder)],
            check=True,
        )
        print(f"goal: peak RSS < {GOAL_MB} MB; {args.uploads} uploads per child")
        print("| file | file MB | RSS before MB | peak RSS MB | pipeline MB | median s | goal |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for mp in args.megapixels:
            for fmt in args.formats:
                name = f"{mp:g}mp.{fmt.lower()}"
                row = json.loads(measure_child(data_dir, folder, name, args.uploads))
                met = "met" if row["peak_mb"] < GOAL_MB else "NOT met"
                print(
                    f"| {name} | {row['file_mb']} | {row['baseline_mb']} | {row['peak_mb']} "
                    f"| {row['pipeline_mb']} | {row['median_s']} | {met} |",
                    flush=True,
                )


def measure_child(data_dir: str, folder: Path, name: str, uploads: int) -> str:
    argv = [sys.executable, __file__, "--uploads", str(uploads)]
    out = subprocess.run(
        [*argv, "--child", "measure", data_dir, str(folder), name], capture_output=True, text=True
    )
    if out.returncode != 0:
        sys.exit(out.stderr)
    return out.stdout.strip().splitlines()[-1]


if __name__ == "__main__":
    main()

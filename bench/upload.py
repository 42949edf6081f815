"""Upload pipeline benchmark: Candid's real upload service against two references.

    .venv/bin/python bench/upload.py            # 200 photos, as in the goal
    .venv/bin/python bench/upload.py --count 30 # a quicker run

Each file is a generated 12-megapixel camera-like JPEG of about 3 MB with EXIF and GPS
(cached under bench/out/samples-*/). For every file, in turn (the order rotates so that
machine noise hits all three alike), one process times:

- candid: photos.services.photo_upload, the whole path a web or API upload takes
  (checks, decode, three renditions with whitelisted EXIF, SHA-256, PDQ, storage writes,
  database rows and the event) on a fresh SQLite database and media directory;
- decode: a bare full-size Pillow decode, the floor no pipeline can beat by much;
- pyvips: a plain pyvips thumbnail to each rendition size, encoded as JPEG q=85.

Rates come from the median per-file time. Goal: candid/pyvips rate >= 1 and
candid time <= 1.5 x bare decode time. Results also go to bench/out/upload.json.
"""

import argparse
import io
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
WIDTH, HEIGHT, NOISE, QUALITY = 4000, 3000, 12.0, 92
BERLIN = (52.520008, 13.404954)
SIZES = (2000, 1000, 320)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=200, help="number of photos (200)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    paths = ensure_samples(args.count)
    with tempfile.TemporaryDirectory(prefix="candid-bench-") as data_dir:
        owner = setup_django(data_dir)
        results = run(paths, owner)
        check_stored(len(paths))
    report(results, paths)


def ensure_samples(count: int) -> list[Path]:
    folder = OUT / f"samples-{WIDTH}x{HEIGHT}-n{NOISE:g}-q{QUALITY}"
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"{i:04d}.jpg" for i in range(count)]
    missing = [i for i, path in enumerate(paths) if not path.exists()]
    if missing:
        print(f"generating {len(missing)} sample JPEGs into {folder} (cached for next runs)...")
        with Pool(os.cpu_count() or 1) as pool:
            for i, data in zip(missing, pool.imap(_sample, missing), strict=True):
                tmp = paths[i].with_suffix(".part")
                tmp.write_bytes(data)
                tmp.rename(paths[i])
    return paths


def _sample(seed: int) -> bytes:
    from photos.samples import sample_jpeg

    return sample_jpeg(WIDTH, HEIGHT, seed=seed, noise=NOISE, quality=QUALITY, gps=BERLIN)


def setup_django(data_dir: str):
    """A fresh SQLite database and media root, whatever the caller's environment says."""
    os.environ["CANDID_DATA_DIR"] = data_dir
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("CANDID_S3_BUCKET", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "candid.settings"
    import django

    django.setup()
    from django.core.management import call_command

    from accounts.models import User

    call_command("migrate", verbosity=0)
    return User.objects.create_user(username="bench", email="bench@example.org", password=None)


def run(paths: list[Path], owner) -> dict[str, list[float]]:
    import pyvips
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from photos.services import photo_upload

    pyvips.cache_set_max(0)  # every call does its own work

    def candid(data: bytes, name: str) -> None:
        upload = SimpleUploadedFile(name, data, "image/jpeg")
        photo_upload(
            owner=owner,
            file=upload,
            filename=name,
            size=len(data),
            title=f"Bench {name}",
            tags="bench landscape",
            licence="cc-by",
        )

    def decode(data: bytes, name: str) -> None:
        Image.open(io.BytesIO(data)).load()

    def vips(data: bytes, name: str) -> None:
        for size in SIZES:
            pyvips.Image.thumbnail_buffer(data, size).write_to_buffer(".jpg", Q=85)

    contenders = {"candid": candid, "decode": decode, "pyvips": vips}
    times = {name: [] for name in contenders}
    cpu = {name: [] for name in contenders}
    peaks = {name: 0 for name in contenders}
    order = list(contenders)
    baseline = _current_rss_kib()
    for i, path in enumerate(paths):
        data = path.read_bytes()
        for name in order[i % 3 :] + order[: i % 3]:
            reset = _reset_peak_rss()
            start, start_cpu = time.perf_counter(), time.process_time()
            contenders[name](data, path.name)
            times[name].append(time.perf_counter() - start)
            cpu[name].append(time.process_time() - start_cpu)
            if reset:
                peaks[name] = max(peaks[name], _status_kib("VmHWM"))
        if (i + 1) % 20 == 0:
            print(f"  {i + 1}/{len(paths)} files", flush=True)
    return {"times": times, "cpu": cpu, "peak_rss_kib": peaks, "baseline_rss_kib": baseline}


def check_stored(count: int) -> None:
    """The benchmark measures nothing if the service stored less than it should."""
    from photos.models import Photo, Rendition

    assert Photo.objects.count() == count, "not every upload was stored"
    assert Rendition.objects.count() == 3 * count, "renditions are missing"
    assert Photo.objects.exclude(latitude=None).count() == count, "GPS was not read"


def report(results: dict, paths: list[Path]) -> None:
    times, peaks = results["times"], results["peak_rss_kib"]
    median = {name: statistics.median(values) for name, values in times.items()}
    cpu = {name: statistics.median(values) for name, values in results["cpu"].items()}
    rate = {name: 1 / value for name, value in median.items()}
    sizes = [path.stat().st_size for path in paths]
    ratio_vips = rate["candid"] / rate["pyvips"]
    ratio_decode = median["candid"] / median["decode"]
    print(f"\n{len(paths)} JPEGs {WIDTH}x{HEIGHT}, median {statistics.median(sizes) / 1e6:.2f} MB")
    print(
        f"{'':8} {'median ms':>10} {'photos/s':>9} {'cpu ms':>7} {'total s':>8}"
        f" {'peak RSS MiB':>13}"
    )
    for name in times:
        print(
            f"{name:8} {median[name] * 1000:10.1f} {rate[name]:9.2f} {cpu[name] * 1000:7.1f}"
            f" {sum(times[name]):8.1f} {peaks[name] / 1024:13.0f}"
        )
    print(
        f"RSS before the first file: {results['baseline_rss_kib'] / 1024:.0f} MiB;"
        f" process peak (ru_maxrss): {_maxrss_kib() / 1024:.0f} MiB"
    )
    print(f"pyvips threads: {_vips_threads()}; Candid and the decode use one thread")
    print(
        f"candid rate / pyvips rate:   {ratio_vips:.2f}  (goal >= 1.0)"
        f"  {'MET' if ratio_vips >= 1 else 'NOT MET'}"
    )
    print(
        f"candid time / decode time:   {ratio_decode:.2f}  (goal <= 1.5)"
        f"  {'MET' if ratio_decode <= 1.5 else 'NOT MET'}"
    )
    summary = {
        "count": len(paths),
        "median_ms": {k: v * 1000 for k, v in median.items()},
        "median_cpu_ms": {k: v * 1000 for k, v in cpu.items()},
        "photos_per_s": rate,
        "peak_rss_mib": {k: v / 1024 for k, v in peaks.items()},
        "process_maxrss_mib": _maxrss_kib() / 1024,
        "candid_over_pyvips_rate": ratio_vips,
        "candid_over_decode_time": ratio_decode,
        "at": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }
    (OUT / "upload.json").write_text(json.dumps(summary, indent=2))


def _reset_peak_rss() -> bool:
    """Linux lets a process reset its own high-water mark, so each call gets its own peak."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _current_rss_kib() -> int:
    return _status_kib("VmRSS")


def _status_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    return 0


def _vips_threads() -> int:
    import pyvips

    return pyvips.concurrency_get()


def _maxrss_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


if __name__ == "__main__":
    main()

"""Rendition revalidation benchmark: a 304 from a versioned rendition URL against a static
file served by WhiteNoise, both under gunicorn (2 workers), loaded with wrk on 127.0.0.1.

    .venv/bin/python bench/renditions.py                 # 3 rounds of 10 s
    .venv/bin/python bench/renditions.py --duration 5 --rounds 1
    DATABASE_URL=postgres://... .venv/bin/python bench/renditions.py   # an EMPTY database

It fills a fresh database (SQLite in a temporary directory unless DATABASE_URL is given)
with a few real uploaded photos, collects the static files as a deployment does, starts
gunicorn with 2 workers and DEBUG off, and for each round runs wrk (2 threads, 16
connections, bounded in time) against:

- static: `/static/css/...`, a stylesheet WhiteNoise serves from memory-mapped files;
- rendition 304: `/r/<id>/<key>/small.jpg` with `If-None-Match` set to the ETag the first
  answer gave: what a CDN or browser revalidating a rendition costs Candid;
- rendition 200: the same URL without `If-None-Match` (reads the file and writes the
  consent signals into it), for reference.

It prints requests/s and p99 (median over rounds), and the 304's rate as a share of the
static file's. Goal: >= 0.5. Results also go to bench/out/renditions.json.
"""

import argparse
import io
import json
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402 - after the path fix above
    HOST,
    OUT,
    environment,
    free_port,
    parse_wrk,
    start_gunicorn,
    stop,
    wait_healthy,
)
from bench.common import summarise as _summarise  # noqa: E402

GOAL = 0.5


def main() -> None:
    args = _arguments()
    wrk = shutil.which("wrk") or sys.exit("wrk is missing: apt-get install -y wrk")
    with tempfile.TemporaryDirectory(prefix="candid-renditions-") as data_dir:
        env = environment(data_dir, SECRET_KEY=secrets.token_urlsafe(50))
        paths = _prepare(args)
        port = free_port()
        server = start_gunicorn(env, port)
        try:
            wait_healthy(port, server)
            targets = _targets(port, paths)
            results = _measure(wrk, port, targets, args)
        finally:
            stop(server)
    _report(results, args)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--photos", type=int, default=20)
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run (10)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds over all targets (3)")
    parser.add_argument("--connections", type=int, default=16)
    return parser.parse_args()


def _prepare(args: argparse.Namespace) -> dict[str, str]:
    """Migrate, collect static files and upload photos through the real service, in this
    process; gunicorn's workers read them after."""
    import django

    django.setup()
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.core.management import call_command
    from django.db import connection

    from accounts.models import User
    from photos.models import Photo
    from photos.rendition_keys import rendition_key
    from photos.samples import sample_jpeg
    from photos.services import photo_upload

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    if Photo.objects.exists():
        sys.exit("The database already holds photos; give an empty one (DATABASE_URL).")
    owner = User.objects.create_user(username="bench", email="bench@example.org")
    for seed in range(args.photos):
        data = sample_jpeg(1600, 1200, seed=seed)
        photo = photo_upload(owner=owner, file=io.BytesIO(data), filename="p.jpg", size=len(data))
    static = staticfiles_storage.url(_stylesheet())
    connection.close()
    return {"static": static, "rendition": f"/r/{photo.pk}/{rendition_key(photo)}/small.jpg"}


def _stylesheet() -> str:
    from django.contrib.staticfiles import finders

    for path, _storage in finders.get_finder(
        "django.contrib.staticfiles.finders.FileSystemFinder"
    ).list([]):
        if path.endswith(".css"):
            return path
    sys.exit("No stylesheet among the static files.")


def _targets(port: int, paths: dict[str, str]) -> dict[str, dict]:
    """Each target must answer as expected before it is measured."""
    static = _fetch(port, paths["static"])
    rendition = _fetch(port, paths["rendition"])
    etag = rendition.headers["ETag"]
    revalidated = _fetch(port, paths["rendition"], {"If-None-Match": etag})
    print(f"static {static.status}, {len(static.body)} bytes: {paths['static']}")
    print(f"rendition {rendition.status}, {len(rendition.body)} bytes, {etag}")
    print(f"  Cache-Control: {rendition.headers['Cache-Control']}")
    print(f"rendition with If-None-Match: {revalidated.status}")
    if (static.status, rendition.status, revalidated.status) != (200, 200, 304):
        sys.exit("A target did not answer as expected; nothing measured.")
    return {
        "static": {"path": paths["static"]},
        "rendition 304": {"path": paths["rendition"], "headers": {"If-None-Match": etag}},
        "rendition 200": {"path": paths["rendition"]},
    }


class _Answer:
    def __init__(self, status: int, headers, body: bytes):
        self.status, self.headers, self.body = status, headers, body


def _fetch(port: int, path: str, headers: dict | None = None) -> _Answer:
    request = urllib.request.Request(f"http://{HOST}:{port}{path}", headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
            return _Answer(response.status, response.headers, response.read())
    except urllib.error.HTTPError as exc:  # 304 arrives as an "error"
        return _Answer(exc.code, exc.headers, b"")


def _measure(wrk: str, port: int, targets: dict, args: argparse.Namespace) -> dict:
    """Targets interleaved within each round, so noise hits all alike; 2 s warm-up each."""
    results = {name: [] for name in targets}
    for target in targets.values():
        _wrk(wrk, port, target, 2, args.connections)
    for round_ in range(args.rounds):
        for name, target in targets.items():
            run = _wrk(wrk, port, target, args.duration, args.connections)
            results[name].append(run)
            print(
                f"  round {round_ + 1} {name:14} {run['rps']:8.0f} req/s"
                f"  p99 {run['p99_ms']:6.1f} ms  errors {run['errors']}",
                flush=True,
            )
    return results


def _wrk(wrk: str, port: int, target: dict, seconds: int, connections: int) -> dict:
    command = [wrk, "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s"]
    for name, value in target.get("headers", {}).items():
        command += ["-H", f"{name}: {value}"]
    command.append(f"http://{HOST}:{port}{target['path']}")
    out = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 30).stdout
    return parse_wrk(out)


def _report(results: dict, args: argparse.Namespace) -> None:
    summary = _summarise(results)
    static = summary["static"]["rps"]
    print(
        f"\ngunicorn 2 workers, wrk -t2 -c{args.connections} -d{args.duration}s,"
        f" median of {args.rounds} rounds"
    )
    print(f"{'':16} {'req/s':>8} {'p99 ms':>7} {'/ static':>9}")
    for name, figures in summary.items():
        share = figures["rps"] / static
        figures["share_of_static"] = share
        print(f"{name:16} {figures['rps']:8.0f} {figures['p99_ms']:7.1f} {share:9.2f}")
    ratio = summary["rendition 304"]["share_of_static"]
    verdict = "MET" if ratio >= GOAL else "NOT MET"
    print(f"\nrendition 304 / static file: {ratio:.2f} (goal >= {GOAL}): {verdict}")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "renditions.json").write_text(
        json.dumps(
            {"args": vars(args), "results": summary, "at": time.strftime("%Y-%m-%dT%H:%M:%S")},
            indent=2,
        )
    )


if __name__ == "__main__":
    main()

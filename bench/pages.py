"""Page throughput benchmark: Candid's pages under gunicorn, loaded with wrk on 127.0.0.1.

    .venv/bin/python bench/pages.py                    # 10,000 photos, 3 rounds of 10 s
    .venv/bin/python bench/pages.py --duration 5 --rounds 1
    DATABASE_URL=postgres://... .venv/bin/python bench/pages.py   # an EMPTY PostgreSQL db

It fills a fresh database (SQLite in a temporary directory unless DATABASE_URL is given)
with 10,000 photos by ~100 users who follow each other (bench/pagedata.py), starts
gunicorn with 2 workers and DEBUG off, then for each round runs wrk (2 threads,
16 connections, bounded in time) against a trivial Django view (same middleware, no
work), the explore page and a photo page, anonymous and signed in. It prints requests/s
and p99 latency (median over rounds) and each page's throughput as a share of the
trivial view's. Goal: >= 0.5 of the trivial view, p99 < 100 ms. gunicorn is stopped at
the end, also on error. Results also go to bench/out/pages.json.
"""

import argparse
import contextlib
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
HOST = "127.0.0.1"


def main() -> None:
    args = _arguments()
    sys.path.insert(0, str(ROOT))
    wrk = shutil.which("wrk") or sys.exit("wrk is missing: apt-get install -y wrk")
    with tempfile.TemporaryDirectory(prefix="candid-pages-") as data_dir:
        env = _environment(data_dir)
        targets = _prepare(args, env)
        port = _free_port()
        server = _start_gunicorn(env, port)
        try:
            _wait_healthy(port, server)
            targets = _check_targets(port, targets)
            results = _measure(wrk, port, targets, args)
        finally:
            _stop(server)
    _report(results, args)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--photos", type=int, default=10_000)
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run (10)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds over all pages (3)")
    parser.add_argument("--connections", type=int, default=16)
    return parser.parse_args()


def _environment(data_dir: str) -> dict:
    env = dict(os.environ)
    env.update(
        CANDID_DATA_DIR=data_dir,
        DJANGO_SETTINGS_MODULE="bench.settings",
        DEBUG="0",
        ALLOWED_HOSTS=f"{HOST},localhost",
        CANDID_RATELIMIT="0",
        LOG_LEVEL="ERROR",
        PYTHONPATH=str(ROOT),
    )
    env.pop("CANDID_S3_BUCKET", None)
    os.environ.update(env)
    return env


def _prepare(args: argparse.Namespace, env: dict) -> dict[str, dict]:
    """Migrate and fill the database in this process; gunicorn's workers read it after."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from bench.pagedata import populate
    from photos.models import Photo

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # as a deployment does
    if Photo.objects.exists():
        sys.exit("The database already holds photos; give an empty one (DATABASE_URL).")
    started = time.perf_counter()
    ids = populate(photos=args.photos, users=args.users)
    print(
        f"{Photo.objects.count()} photos in {time.perf_counter() - started:.1f} s"
        f" on {connection.vendor}"
    )
    client = Client()
    client.force_login(_user(ids["user_id"]))
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    connection.close()
    photo = f"/photos/{ids['photo_id']}/"
    return {
        "trivial": {"path": "/bench/trivial"},
        "explore": {"path": "/explore/"},
        "photo": {"path": photo},
        "explore signed in": {"path": "/explore/", "cookie": cookie},
        "photo signed in": {"path": photo, "cookie": cookie},
    }


def _user(pk: int):
    from accounts.models import User

    return User.objects.get(pk=pk)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _start_gunicorn(env: dict, port: int) -> subprocess.Popen:
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "candid.wsgi:application",
        "--workers",
        "2",
        "--bind",
        f"{HOST}:{port}",
        "--log-level",
        "warning",
        "--chdir",
        str(ROOT),
    ]
    OUT.mkdir(parents=True, exist_ok=True)
    log = (OUT / "gunicorn.log").open("wb")
    return subprocess.Popen(
        command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )


def _wait_healthy(port: int, server: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited at start; see {OUT / 'gunicorn.log'}")
        with contextlib.suppress(OSError):
            if _get(port, "/healthz")[0] == 200:
                return
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer /healthz within 30 s")


def _check_targets(port: int, targets: dict) -> dict:
    """Each page must answer 200 before it is measured; a missing page is reported, not run."""
    ready = {}
    for name, target in targets.items():
        status, _size = _get(port, target["path"], target.get("cookie"))
        if status == 200:
            ready[name] = target
        else:
            print(f"skipping {name}: GET {target['path']} answered {status}")
    return ready


def _get(port: int, path: str, cookie: str | None = None) -> tuple[int, int]:
    request = urllib.request.Request(f"http://{HOST}:{port}{path}")
    if cookie:
        request.add_header("Cookie", cookie)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
            return response.status, len(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, 0


def _measure(wrk: str, port: int, targets: dict, args: argparse.Namespace) -> dict:
    results = {name: [] for name in targets}
    for target in targets.values():  # warm both workers' caches and connections
        _wrk(wrk, port, target, 2, args.connections)
    for round_ in range(args.rounds):
        for name, target in targets.items():
            run = _wrk(wrk, port, target, args.duration, args.connections)
            results[name].append(run)
            print(
                f"  round {round_ + 1} {name:18} {run['rps']:8.0f} req/s"
                f"  p99 {run['p99_ms']:6.1f} ms  errors {run['errors']}",
                flush=True,
            )
    return results


def _wrk(wrk: str, port: int, target: dict, seconds: int, connections: int) -> dict:
    command = [wrk, "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s"]
    if target.get("cookie"):
        command += ["-H", f"Cookie: {target['cookie']}"]
    command.append(f"http://{HOST}:{port}{target['path']}")
    out = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 30).stdout
    return _parse_wrk(out)


def _parse_wrk(out: str) -> dict:
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    value, unit = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\b", out, re.MULTILINE).groups()
    p99 = float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    errors = int(bad.group(1)) if bad else 0
    return {
        "rps": rps,
        "p99_ms": p99,
        "errors": errors,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
    }


def _stop(server: subprocess.Popen) -> None:
    """Stop the gunicorn this script started (its own process group), and nothing else."""
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=5)


def _report(results: dict, args: argparse.Namespace) -> None:
    summary = {}
    for name, runs in results.items():
        summary[name] = {
            "rps": statistics.median(r["rps"] for r in runs),
            "p99_ms": statistics.median(r["p99_ms"] for r in runs),
            "errors": sum(r["errors"] for r in runs),
        }
    trivial = summary.get("trivial", {}).get("rps")
    print(
        f"\n{args.photos} photos, gunicorn 2 workers, wrk -t2 -c{args.connections}"
        f" -d{args.duration}s, median of {args.rounds} rounds"
    )
    print(f"{'':18} {'req/s':>8} {'p99 ms':>7} {'/ trivial':>9}  goal (>= 0.5, p99 < 100 ms)")
    for name, figures in summary.items():
        share = figures["rps"] / trivial if trivial else float("nan")
        figures["share_of_trivial"] = share
        met = name == "trivial" or (share >= 0.5 and figures["p99_ms"] < 100)
        errors = f"  {figures['errors']} non-2xx!" if figures["errors"] else ""
        print(
            f"{name:18} {figures['rps']:8.0f} {figures['p99_ms']:7.1f} {share:9.2f}"
            f"  {'' if name == 'trivial' else ('MET' if met else 'NOT MET')}{errors}"
        )
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "pages.json").write_text(
        json.dumps(
            {"args": vars(args), "results": summary, "at": time.strftime("%Y-%m-%dT%H:%M:%S")},
            indent=2,
        )
    )


if __name__ == "__main__":
    main()

"""Helpers the benchmarks share: the environment, gunicorn on 127.0.0.1, wrk, timing.

gunicorn is started in its own process group and stopped by that group's id only, so a
benchmark never touches processes it did not start. wrk is always bounded in time.
"""

import contextlib
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
HOST = "127.0.0.1"


def use_project_path() -> None:
    """Run as `python bench/x.py`, Python puts bench/ first on the path, where
    bench/moderation.py and bench/transparency.py would shadow the Django apps of the
    same names. Put the project root first instead."""
    bench_dir = str(ROOT / "bench")
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != bench_dir]
    sys.path.insert(0, str(ROOT))


def environment(data_dir: str, **extra: str) -> dict:
    """Candid's settings for a benchmark: DEBUG off, no rate limits, bench.settings (the
    trivial view), a throw-away data directory. Also applied to this process."""
    env = dict(os.environ)
    env.update(
        CANDID_DATA_DIR=data_dir,
        DJANGO_SETTINGS_MODULE="bench.settings",
        DEBUG="0",
        ALLOWED_HOSTS=f"{HOST},localhost,testserver",
        CANDID_RATELIMIT="0",
        LOG_LEVEL="ERROR",
        PYTHONPATH=str(ROOT),
    )
    env.update(extra)
    env.setdefault("SECRET_KEY", secrets.token_urlsafe(50))  # throw-away, like the data
    env.pop("CANDID_S3_BUCKET", None)
    os.environ.update(env)
    return env


def require_postgres() -> None:
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        sys.exit(
            "This benchmark runs on PostgreSQL: "
            "CANDID_PG_PORT=54520 scripts/with-postgres.sh .venv/bin/python bench/..."
        )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def start_gunicorn(env: dict, port: int, workers: int = 2, root: Path = ROOT) -> subprocess.Popen:
    """gunicorn serving the project at `root` (another checkout for bench/pages_ab.py)."""
    env = {**env, "PYTHONPATH": str(root)}
    command = [
        str(Path(sys.executable).with_name("gunicorn")),  # the running interpreter's venv
        "candid.wsgi:application",
        "--workers",
        str(workers),
        "--bind",
        f"{HOST}:{port}",
        "--log-level",
        "warning",
        "--chdir",
        str(root),
    ]
    OUT.mkdir(parents=True, exist_ok=True)
    log = (OUT / ("gunicorn.log" if root == ROOT else f"gunicorn-{root.name}.log")).open("wb")
    return subprocess.Popen(
        command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )


def wait_healthy(port: int, server: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited at start; see {OUT / 'gunicorn.log'}")
        with contextlib.suppress(OSError):
            if get(port, "/healthz")[0] == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer /healthz within {timeout:.0f} s")


def stop(server: subprocess.Popen) -> None:
    """Stop the gunicorn this script started (its own process group), and nothing else."""
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=5)


def get(port: int, path: str, cookie: str | None = None) -> tuple[int, int]:
    request = urllib.request.Request(f"http://{HOST}:{port}{path}")
    if cookie:
        request.add_header("Cookie", cookie)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
            return response.status, len(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, 0


def check_targets(port: int, targets: dict) -> dict:
    """Each page must answer 200 before it is measured; a missing page is reported, not run."""
    ready = {}
    for name, target in targets.items():
        status, _size = get(port, target["path"], target.get("cookie"))
        if status == 200:
            ready[name] = target
        else:
            print(f"skipping {name}: GET {target['path']} answered {status}")
    return ready


def measure(wrk: str, port: int, targets: dict, *, duration: int, rounds: int, connections: int):
    """wrk against each target in turn, `rounds` times, after a 2 s warm-up of each."""
    results = {name: [] for name in targets}
    for target in targets.values():  # warm both workers' caches and connections
        run_wrk(wrk, port, target, 2, connections)
    for round_ in range(rounds):
        for name, target in targets.items():
            run = run_wrk(wrk, port, target, duration, connections)
            results[name].append(run)
            print(
                f"  round {round_ + 1} {name:18} {run['rps']:8.0f} req/s"
                f"  p99 {run['p99_ms']:6.1f} ms  errors {run['errors']}",
                flush=True,
            )
    return results


def run_wrk(wrk: str, port: int, target: dict, seconds: int, connections: int) -> dict:
    command = [wrk, "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s"]
    if target.get("cookie"):
        command += ["-H", f"Cookie: {target['cookie']}"]
    command.append(f"http://{HOST}:{port}{target['path']}")
    out = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 30).stdout
    return parse_wrk(out)


def parse_wrk(out: str) -> dict:
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


def summarise(results: dict) -> dict:
    """Median requests/s and p99 over the rounds, and each page's share of the trivial view
    (a signed-in page's: of the trivial view signed in, when that was measured)."""
    summary = {}
    for name, runs in results.items():
        summary[name] = {
            "rps": statistics.median(r["rps"] for r in runs),
            "p99_ms": statistics.median(r["p99_ms"] for r in runs),
            "errors": sum(r["errors"] for r in runs),
        }
    trivial = summary.get("trivial", {}).get("rps")
    signed_in = summary.get("trivial signed in", {}).get("rps") or trivial
    for name, figures in summary.items():
        floor = signed_in if name.endswith("signed in") else trivial
        figures["share_of_trivial"] = figures["rps"] / floor if floor else float("nan")
    return summary


def print_pages(summary: dict, queries: dict | None = None) -> None:
    """One line per page: req/s, p99, share of the trivial view, queries, goal met or not."""
    queries = queries or {}
    print(f"{'':22} {'req/s':>8} {'p99 ms':>7} {'/ trivial':>9} {'queries':>7}  goal")
    for name, figures in summary.items():
        share = figures["share_of_trivial"]
        count = queries.get(name)
        met = share >= 0.5 and figures["p99_ms"] < 100 and (count is None or count < 20)
        verdict = "" if name.startswith("trivial") else ("MET" if met else "NOT MET")
        errors = f"  {figures['errors']} non-2xx!" if figures["errors"] else ""
        shown = "" if count is None else str(count)
        print(
            f"{name:22} {figures['rps']:8.0f} {figures['p99_ms']:7.1f} {share:9.2f}"
            f" {shown:>7}  {verdict}{errors}"
        )


def timed(function, *args, **kwargs) -> float:
    """Wall time of one call, in seconds."""
    started = time.perf_counter()
    function(*args, **kwargs)
    return time.perf_counter() - started

"""Two real Candid instances on 127.0.0.1 for the federation tests: each its own
gunicorn process, data directory and database (SQLite files, or two databases on the
test's PostgreSQL server in the PostgreSQL pass), federating over http as
CANDID_FEDERATION_ALLOW_LOCAL allows. Tasks run in-process, so an activity is delivered
and processed before the request that caused it answers."""

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import requests

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
OWN_SETTINGS = ("CANDID_", "DATABASE_URL")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Instance:
    def __init__(self, name: str, base_dir: Path, database_url: str | None):
        self.name, self.port = name, free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.dir = base_dir / name
        self.dir.mkdir(parents=True)
        self.env = {
            **{
                k: v for k, v in os.environ.items() if not k.startswith(("CANDID_", "DATABASE_URL"))
            },
            "CANDID_DATA_DIR": str(self.dir),
            "SECRET_KEY": secrets.token_urlsafe(50),
            "SITE_URL": self.url,
            "CANDID_FEDERATION": "1",
            "CANDID_FEDERATION_ALLOW_LOCAL": "1",
            "CANDID_ANON_PAGE_SECONDS": "0",
            "RATELIMIT_ENABLE": "0",
            "DEBUG": "0",
        }
        if database_url:
            self.env["DATABASE_URL"] = database_url
        self.process = None

    def manage(self, *args: str, stdin: str | None = None) -> str:
        result = subprocess.run(  # noqa: S603 - our own manage.py
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if result.returncode:
            raise AssertionError(f"{self.name} manage.py {args[0]}: {result.stderr[-3000:]}")
        return result.stdout

    def python(self, code: str) -> dict:
        """Run `code` in the instance's Django; it sets `result` (JSON) to answer."""
        wrapped = code + "\nimport json as _j; print('RESULT=' + _j.dumps(result))"
        out = self.manage("shell", "-c", wrapped)
        line = [line for line in out.splitlines() if line.startswith("RESULT=")][-1]
        return json.loads(line[len("RESULT=") :])

    def start(self) -> None:
        self.manage("migrate", "--no-input")
        log = (self.dir / "web.log").open("w")
        self.process = subprocess.Popen(  # noqa: S603 - our own server
            [
                str(BIN / "gunicorn"),
                "candid.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "1",
                "--threads",
                "8",
                "--timeout",
                "120",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if requests.get(self.url + "/.well-known/nodeinfo", timeout=30).ok:
                    return
            except requests.RequestException:
                time.sleep(0.5)
        raise AssertionError(f"{self.name} did not start: " + (self.dir / "web.log").read_text())

    def stop(self) -> None:
        if self.process is not None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)

    @property
    def host(self) -> str:
        return urlsplit(self.url).netloc

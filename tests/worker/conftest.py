"""A real worker process (`manage.py worker`) on its own database (a SQLite file,
or a database of the test PostgreSQL server), and a real SMTP server (aiosmtpd) on
127.0.0.1 that records what it accepted."""

import asyncio
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from email import message_from_bytes
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
TABLES = ["core_outgoingmail", "django_tasks_database_dbtaskresult", "core_workerbeat"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Inbox:
    """An SMTP handler: refuses the first `refuse` messages (451, try again later), keeps
    the first DATA waiting (never answered) when `hang_first`, accepts the rest."""

    refuse: int = 0
    hang_first: bool = False
    tries: list[float] = field(default_factory=list)  # when each DATA arrived
    accepted: list[str] = field(default_factory=list)  # Message-IDs
    arrived: threading.Event = field(default_factory=threading.Event)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.tries.append(time.monotonic())
        self.arrived.set()
        if self.hang_first and len(self.tries) == 1:
            await asyncio.sleep(120)
            return "421 4.3.0 Gave up"
        if len(self.tries) <= self.refuse:
            return "451 4.3.0 Try again later"
        message_id = message_from_bytes(envelope.content)["Message-ID"].strip()
        self.accepted.append(message_id)
        return "250 OK"


@pytest.fixture
def smtp():
    """smtp(inbox) -> port: the inbox listens on 127.0.0.1 until the test ends."""
    controllers = []

    def start(inbox: Inbox) -> int:
        port = free_port()
        controller = Controller(inbox, hostname="127.0.0.1", port=port)
        controller.start()
        controllers.append(controller)
        return port

    yield start
    for controller in controllers:
        controller.stop()


class Site:
    """The worker's database and environment, and ways to use them from the test."""

    def __init__(self, env: dict, database_url: str | None):
        self.env, self.database_url = env, database_url

    def manage(self, *args: str, **env) -> subprocess.CompletedProcess:
        return subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env={**self.env, **env},
            capture_output=True,
            text=True,
            check=True,
            timeout=180,
        )

    def shell(self, code: str) -> str:
        return self.manage("shell", "-c", code).stdout

    def worker(self, log: Path, **env) -> subprocess.Popen:
        return subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", "worker", "--no-startup-delay"]
            + ["--interval", "0.2", "-v", "2"],
            cwd=ROOT,
            env={**self.env, **env},
            stdout=log.open("a"),
            stderr=subprocess.STDOUT,
        )

    def query(self, sql: str) -> list[tuple]:
        if self.database_url:
            import psycopg

            with psycopg.connect(self.database_url, autocommit=True) as connection:
                cursor = connection.execute(sql)
                return list(cursor.fetchall()) if cursor.description else []
        import sqlite3

        connection = sqlite3.connect(self.env["CANDID_DATA_DIR"] + "/candid.sqlite3")
        try:
            return [
                tuple(json.loads(v) if isinstance(v, str) and v[:1] == "[" else v for v in row)
                for row in connection.execute(sql).fetchall()
            ]
        finally:
            connection.close()

    def wait_for(self, what, timeout: float = 60.0, every: float = 0.2):
        deadline = time.monotonic() + timeout
        while not (found := what()):
            assert time.monotonic() < deadline, f"timed out waiting for {what.__doc__}"
            time.sleep(every)
        return found


def base_env(data_dir: Path) -> dict:
    env = {
        **os.environ,
        "CANDID_DATA_DIR": str(data_dir),
        "DEBUG": "0",
        "CANDID_TASKS": "database",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_TIMEOUT": "20",
        "CANDID_TASK_RETRY_SECONDS": "0.3",
        "CANDID_WORKER_TICK_SECONDS": "0.5",
        "CANDID_WORKER_LOST_SECONDS": "3",
    }
    env.pop("DATABASE_URL", None)
    return env


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    """Migrated once per module: a SQLite file to copy, or a PostgreSQL database."""
    template = tmp_path_factory.mktemp("worker-template")
    server = (
        os.environ.get("DATABASE_URL")
        if settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
        else None
    )
    database_url = None
    if server:
        import psycopg

        name = f"worker_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {name}")
        database_url = server.rsplit("/", 1)[0] + "/" + name
    site = Site(base_env(template), database_url)
    if database_url:
        site.env["DATABASE_URL"] = database_url
    site.manage("migrate", "--noinput", "-v0")
    yield site
    if server:
        import psycopg

        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {database_url.rsplit('/', 1)[1]}")


@pytest.fixture
def site(migrated, tmp_path) -> Site:
    env = {**migrated.env, "CANDID_DATA_DIR": str(tmp_path)}
    if migrated.database_url:
        site = Site(env, migrated.database_url)
        for table in TABLES:
            site.query(f"DELETE FROM {table}")  # noqa: S608 - our own table names
        return site
    for name in ("candid.sqlite3", "candid.sqlite3-wal", "candid.sqlite3-shm"):
        if (Path(migrated.env["CANDID_DATA_DIR"]) / name).exists():
            shutil.copy(Path(migrated.env["CANDID_DATA_DIR"]) / name, tmp_path / name)
    return Site(env, None)


@pytest.fixture
def workers():
    """Started worker processes, stopped (SIGTERM, then SIGKILL) when the test ends."""
    started: list[subprocess.Popen] = []
    yield started
    for process in started:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

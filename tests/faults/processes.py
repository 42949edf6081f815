"""Real child processes for the fault tests: `manage.py` commands and a gunicorn web
server, on the test database (PostgreSQL) and the test's own data directory, stopped at
a pause point (core.faults) and killed with SIGKILL."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.db import connection

from tests.pausing import Pause

ROOT = Path(settings.BASE_DIR)
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


def child_env(data_dir: Path, pause: Pause | None = None, **extra: str) -> dict[str, str]:
    db = connection.settings_dict
    env = {k: v for k, v in os.environ.items() if not k.startswith("CANDID_PAUSE")}
    env.update(
        DATABASE_URL=f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        CANDID_DATA_DIR=str(data_dir),
        CANDID_JOB_LEASE_SECONDS="1",
        PYTHONUNBUFFERED="1",
        **(pause.env() if pause else {}),
        **extra,
    )
    return env


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Runs a command to its end; its output is kept for the assertion message."""
    return subprocess.run(  # noqa: S603 (our own manage.py, fixed arguments)
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def start(command: list[str], env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603 (our own commands, fixed arguments)
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def kill_at(pause: Pause, command: list[str], env: dict[str, str]) -> str:
    """Starts `command`, waits until it reaches the pause point, kills it (SIGKILL, the
    whole process group it leads) and returns what it printed."""
    process = start(command, env)
    reached = pause.reached(timeout=60)
    os.killpg(process.pid, signal.SIGKILL)
    output, _ = process.communicate(timeout=20)
    assert reached, f"{' '.join(command)} never reached {pause.name}:\n{output}"
    return output


def manage_killed_at(pause: Pause, *args: str, env: dict[str, str]) -> str:
    return kill_at(pause, [PYTHON, "manage.py", *args], env)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class WebServer:
    """gunicorn with one worker on 127.0.0.1, started in its own process group."""

    def __init__(self, env: dict[str, str]):
        self.port = free_port()
        command = [GUNICORN, "candid.wsgi", "--bind", f"127.0.0.1:{self.port}", "--workers", "1"]
        self.process = start(command, env)
        self._wait_listening()

    def _wait_listening(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return
            except OSError:
                time.sleep(0.1)
        self.kill()
        raise AssertionError("gunicorn did not start listening")

    def kill(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.communicate(timeout=20)

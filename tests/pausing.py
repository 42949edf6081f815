"""Stopping a real job at a named pause point (core.faults) from a test.

`Pause(monkeypatch, folder, name)` sets CANDID_PAUSE_AT for this process and its
children; `reached()` waits until a job got there and then unsets it, so later jobs
run through; `go()` lets the paused job continue. Subprocesses get `env()`."""

import os
import time
from pathlib import Path


class Pause:
    def __init__(self, monkeypatch, folder: Path, name: str):
        self.monkeypatch, self.folder, self.name = monkeypatch, Path(folder), name
        self.folder.mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv("CANDID_PAUSE_AT", name)
        monkeypatch.setenv("CANDID_PAUSE_DIR", str(self.folder))

    def env(self) -> dict[str, str]:
        return {"CANDID_PAUSE_AT": self.name, "CANDID_PAUSE_DIR": str(self.folder)}

    def reached(self, timeout: float = 30.0) -> bool:
        deadline = time.monotonic() + timeout
        while not (self.folder / f"{self.name}.reached").exists():
            if time.monotonic() > deadline:
                return False
            time.sleep(0.02)
        self.monkeypatch.delenv("CANDID_PAUSE_AT")
        return True

    def go(self) -> None:
        (self.folder / f"{self.name}.go").touch()


def files_under(folder: Path) -> list[str]:
    if not folder.exists():
        return []
    return sorted(
        os.path.relpath(os.path.join(root, name), folder)
        for root, _dirs, names in os.walk(folder)
        for name in names
    )

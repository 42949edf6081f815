"""Fail when a pin in requirements.txt, requirements-dev.txt or requirements-pip.txt (pip
itself) is missing from the lock files or differs from them: the lock is what `make deps`
installs, so an edited requirements file without `make lock` would silently not take
effect.

Usage: python3 scripts/check_lock.py  (standard library only: runs before the venv exists)
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = {
    "requirements.txt": "requirements.lock",
    "requirements-dev.txt": "requirements-dev.lock",
    "requirements-pip.txt": "requirements-pip.lock",
}
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\#]+)")


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pinned(path: Path) -> list[tuple[str, str]]:
    """(name, version) of every pin; a universal lock may pin one name twice, for
    different Python versions or platforms."""
    found = []
    for line in path.read_text().splitlines():
        match = PIN.match(line.strip())
        if match:
            found.append((normalized(match.group(1)), match.group(2)))
    return found


def pins(path: Path) -> dict[str, str]:
    return dict(pinned(path))


def problems() -> list[str]:
    wrong = []
    for source, lock in SOURCES.items():
        locked = pins(ROOT / lock) if (ROOT / lock).exists() else {}
        for name, version in pins(ROOT / source).items():
            if locked.get(name) != version:
                have = f"{name}=={locked[name]}" if name in locked else "nothing"
                wrong.append(f"{source} pins {name}=={version}, {lock} has {have}")
    return wrong


def main() -> int:
    wrong = problems()
    for line in wrong:
        print(line, file=sys.stderr)
    if wrong:
        print("The lock files are out of date: run `make lock` and commit them.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

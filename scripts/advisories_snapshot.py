"""Build the local advisory snapshot that scripts/audit_deps.py falls back on when the
advisory service cannot be reached: the advisories of PyPA's advisory database (the one
PyPI's vulnerability data and pip-audit's default service come from) for every package
named in the lock files, reduced to the affected version ranges.

Usage: python scripts/advisories_snapshot.py SOURCE [LABEL]
SOURCE is a checkout of https://github.com/pypa/advisory-database (its vulns/ folder is
read) or a .zip of it; LABEL says which state of the database it is (commit, date).
`make advisories` downloads the current database and runs this.
"""

import json
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_lock import ROOT, normalized, pins  # noqa: E402

SNAPSHOT = ROOT / "scripts" / "audit" / "advisories.json"
LOCKS = ("requirements.lock", "requirements-dev.lock")


def advisory_files(source: Path):
    """(package folder name, YAML text) of every advisory in the database."""
    if source.suffix == ".zip":
        with zipfile.ZipFile(source) as archive:
            for name in archive.namelist():
                parts = name.split("/")
                if "vulns" in parts and name.endswith(".yaml"):
                    yield parts[parts.index("vulns") + 1], archive.read(name).decode()
        return
    for path in sorted((source / "vulns").glob("*/*.yaml")):
        yield path.parent.name, path.read_text()


def reduced(record: dict, package: str) -> dict | None:
    """The affected versions of `package` in one OSV record: ECOSYSTEM ranges as lists
    of events, or the listed versions where a record gives no range."""
    if record.get("withdrawn"):
        return None
    ranges, versions = [], []
    for affected in record.get("affected", []):
        if normalized(affected.get("package", {}).get("name", "")) != package:
            continue
        for span in affected.get("ranges", []):
            if span.get("type") == "ECOSYSTEM":
                ranges.append([{k: str(v) for k, v in e.items()} for e in span["events"]])
        versions.extend(str(v) for v in affected.get("versions", []))
    if not ranges and not versions:
        return None
    entry = {"id": record["id"], "aliases": record.get("aliases", []), "ranges": ranges}
    if not ranges:
        entry["versions"] = versions
    return entry


def build(source: Path, label: str) -> dict:
    wanted = set()
    for lock in LOCKS:
        wanted |= set(pins(ROOT / lock))
    found: dict[str, list] = {name: [] for name in sorted(wanted)}
    for folder, text in advisory_files(source):
        package = normalized(folder)
        if package not in wanted:
            continue
        entry = reduced(yaml.safe_load(text), package)
        if entry:
            found[package].append(entry)
    for entries in found.values():
        entries.sort(key=lambda e: e["id"])
    return {
        "source": "https://github.com/pypa/advisory-database",
        "database_state": label,
        "made": datetime.now(UTC).date().isoformat(),
        "packages": found,
    }


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    label = sys.argv[2] if len(sys.argv) > 2 else "unknown"
    snapshot = build(Path(sys.argv[1]), label)
    SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
    SNAPSHOT.write_text(json.dumps(snapshot, indent=1, sort_keys=True) + "\n")
    count = sum(len(v) for v in snapshot["packages"].values())
    packages = len(snapshot["packages"])
    print(f"{SNAPSHOT.relative_to(ROOT)}: {count} advisories for {packages} packages")
    return 0


if __name__ == "__main__":
    sys.exit(main())

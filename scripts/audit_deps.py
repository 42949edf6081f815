"""Known vulnerabilities in the locked packages (`make audit`, part of `make test`).

pip-audit checks every pin of the lock file against the advisory service (PyPI's
vulnerability data). Packages it could not check, because the service cannot be reached
or does not answer for them, are checked against the local snapshot
scripts/audit/advisories.json (PyPA's advisory database, made by
scripts/advisories_snapshot.py), and the output says so and how old the snapshot is:
an unreachable service never passes silently. Exit status 1 when any locked version
has a known advisory, else 0.

Usage: python scripts/audit_deps.py [--offline] LOCKFILE
--offline skips pip-audit and checks every package against the snapshot.
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from packaging.version import InvalidVersion, Version

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_lock import ROOT, normalized, pinned  # noqa: E402

SNAPSHOT = ROOT / "scripts" / "audit" / "advisories.json"


def pip_audit(lock: Path) -> dict | None:
    """pip-audit's JSON report, or None when it could not produce one."""
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        command = [sys.executable, "-m", "pip_audit", "-r", str(lock), "--require-hashes"]
        command += ["--disable-pip", "--progress-spinner", "off", "--format", "json"]
        done = subprocess.run(  # noqa: S603
            [*command, "--output", str(report)], capture_output=True, text=True
        )
        if not report.exists() or not report.read_text().strip():
            print(f"pip-audit could not run: {done.stderr.strip()[-500:]}")
            return None
        return json.loads(report.read_text())


def affected(version: str, advisory: dict) -> bool:
    """Whether `version` lies in an affected range (OSV events: introduced, fixed,
    last_affected) or among the listed affected versions."""
    if "versions" in advisory:
        return version in advisory["versions"]
    try:
        v = Version(version)
        for events in advisory["ranges"]:
            start = None
            for event in events:
                if "introduced" in event:
                    start = Version(event["introduced"])
                elif "fixed" in event and start is not None:
                    if start <= v < Version(event["fixed"]):
                        return True
                    start = None
                elif "last_affected" in event and start is not None:
                    if start <= v <= Version(event["last_affected"]):
                        return True
                    start = None
            if start is not None and v >= start:
                return True
    except InvalidVersion:
        return False
    return False


def snapshot_findings(
    packages: list[tuple[str, str]], snapshot: dict
) -> tuple[list[str], list[str]]:
    """(advisories that affect the locked versions, packages the snapshot was not made for)."""
    known = snapshot["packages"]
    findings = [
        f"{name}=={version}: {a['id']} ({', '.join(a['aliases']) or 'no alias'})"
        for name, version in sorted(packages)
        for a in known.get(name, [])
        if affected(version, a)
    ]
    return findings, sorted({name for name, _version in packages if name not in known})


def live_findings(report: dict) -> tuple[list[str], list[str]]:
    """(advisories pip-audit found, packages it could not check)."""
    found, skipped = [], []
    for dep in report.get("dependencies", []):
        if dep.get("skip_reason"):
            skipped.append(normalized(dep["name"]))
        for vuln in dep.get("vulns", []):
            fixed = ", ".join(vuln.get("fix_versions", [])) or "no fix yet"
            found.append(f"{dep['name']}=={dep['version']}: {vuln['id']} (fixed in {fixed})")
    return found, skipped


def main(argv: list[str]) -> int:
    offline = "--offline" in argv
    lock = Path(next(a for a in argv if not a.startswith("--")))
    packages = pinned(lock)
    report = None if offline else pip_audit(lock)
    found, skipped = live_findings(report) if report else ([], [n for n, _v in packages])
    unchecked = [(name, version) for name, version in packages if name in set(skipped)]
    print(f"pip-audit: {len(packages) - len(unchecked)} of {len(packages)} locked pins checked.")
    if unchecked:
        snapshot = json.loads(SNAPSHOT.read_text())
        why = "--offline" if offline else "the advisory service could not be reached"
        print(
            f"NOTE: {why} for {len(unchecked)} pins: checked against the local snapshot "
            f"{SNAPSHOT.relative_to(ROOT)} instead ({snapshot['source']}, "
            f"{snapshot['database_state']}, made {snapshot['made']}). Advisories published "
            "since then are not known to this check; refresh it with `make advisories`."
        )
        more, uncovered = snapshot_findings(unchecked, snapshot)
        found += more
        if uncovered:
            print(f"NOT CHECKED (the snapshot does not cover them): {', '.join(uncovered)}")
    for line in found:
        print(f"VULNERABLE {line}")
    if found:
        print(f"{len(found)} known vulnerabilities in {lock}: update the pins and `make lock`.")
        return 1
    print(f"No known vulnerabilities in {lock}.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

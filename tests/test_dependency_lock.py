"""Every dependency, transitive ones included, is pinned with hashes in the lock files
that `make deps` installs from, and the pins in requirements*.txt agree with them; the
audit of the lock falls back on the local advisory snapshot, and says so, when the
advisory service cannot be reached."""

import json
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from audit_deps import live_findings  # noqa: E402
from check_lock import ROOT, pinned, problems  # noqa: E402

LOCKS = ["requirements.lock", "requirements-dev.lock"]


def test_requirements_agree_with_the_lock_files():
    assert problems() == []


def test_every_locked_package_has_a_hash_and_the_dev_lock_holds_the_runtime_one():
    for lock in LOCKS:
        text = (ROOT / lock).read_text()
        entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2].strip())
        pins = [e for e in entries if not e.startswith("#")]
        assert pins and all("--hash=sha256:" in e for e in pins), lock
    runtime, dev = (set(pinned(ROOT / lock)) for lock in LOCKS)
    assert runtime < dev
    assert {"pip-audit", "schemathesis", "django", "pillow"} <= {name for name, _v in dev}
    assert ("pillow", "13.0.0") in runtime and ("django", "5.2.20") in runtime


def test_make_deps_installs_only_from_the_lock_with_hashes():
    makefile = (ROOT / "Makefile").read_text()
    install = re.search(r"^\.venv/\.installed:.*?\n\n", makefile, re.M | re.S).group(0)
    pip_first = "pip install --quiet --require-hashes -r requirements-pip.lock"
    assert pip_first in install
    assert install.index(pip_first) < install.index(
        "pip install --quiet --require-hashes -r requirements-dev.lock"
    )
    assert "-r requirements-dev.txt" not in install


def test_pip_itself_is_pinned_with_hashes():
    """The pip that `python3 -m venv` bundles (23.2 with Python 3.11) refused the lock once
    a newer release of a package that is required with an extra appeared
    (cachecontrol[filecache] for pip-audit): the venv's pip comes from its own lock."""
    locked = (ROOT / "requirements-pip.lock").read_text()
    assert re.search(r"^pip==2[6-9]\.", locked, re.M) and "--hash=sha256:" in locked


def audit(*args: str) -> subprocess.CompletedProcess:
    script = ROOT / "scripts" / "audit_deps.py"
    return subprocess.run(  # noqa: S603
        [sys.executable, str(script), *args], capture_output=True, text=True, cwd=ROOT
    )


def test_the_snapshot_finds_a_known_hole_and_says_it_was_used(tmp_path):
    lock = tmp_path / "old.lock"
    lock.write_text("pillow==9.0.0\nsix==1.17.0\n")
    done = audit("--offline", str(lock))
    assert done.returncode == 1
    assert "NOTE: --offline for 2 pins: checked against the local snapshot" in done.stdout
    assert "VULNERABLE pillow==9.0.0: PYSEC-2022-168 (CVE-2022-24303" in done.stdout
    assert "six" not in done.stdout.split("VULNERABLE", 1)[1]


def test_the_locked_versions_have_no_hole_known_to_the_snapshot():
    done = audit("--offline", "requirements-dev.lock")
    assert done.returncode == 0, done.stdout
    assert "checked against the local snapshot" in done.stdout
    assert "No known vulnerabilities in requirements-dev.lock." in done.stdout


def test_packages_the_service_could_not_check_go_to_the_snapshot():
    """pip-audit passes (exit 0, "No known vulnerabilities found") when the service does
    not answer for a package; its JSON report marks such packages with a skip_reason."""
    report = json.loads(
        '{"dependencies": [{"name": "django", "version": "5.2.20", "vulns": []},'
        ' {"name": "Pillow", "version": "13.0.0", "skip_reason": "Dependency not found on'
        ' PyPI and could not be audited: pillow (13.0.0)"},'
        ' {"name": "old", "version": "1.0", "vulns": [{"id": "PYSEC-1", "fix_versions":'
        ' ["1.1"], "aliases": [], "description": ""}]}], "fixes": []}'
    )
    found, skipped = live_findings(report)
    assert skipped == ["pillow"]
    assert found == ["old==1.0: PYSEC-1 (fixed in 1.1)"]

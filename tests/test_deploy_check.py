"""`manage.py check --deploy` in the production configuration answers no warning at all
(issue 13, defect 12): every finding is fixed, or silenced in SILENCED_SYSTEM_CHECKS with
its reason. A new warning (a dependency's new check, a setting changed) fails here.

Settings are read from the environment at start, so the check runs in a subprocess with
the production environment README's "Deploying" describes."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def production_env(data_dir: Path) -> dict[str, str]:
    return {
        "PATH": os.environ["PATH"],
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "CANDID_HTTPS": "1",
        "ALLOWED_HOSTS": "photos.example.org",
        "CSRF_TRUSTED_ORIGINS": "https://photos.example.org",
        "SITE_URL": "https://photos.example.org",
        # Several web processes share rate-limit counters and the page cache.
        "CANDID_CACHE": "database",
        "CANDID_TASKS": "database",
        "CANDID_DATA_DIR": str(data_dir),
        # Production names its operator (legal/checks.py warns of a missing one).
        "CANDID_OPERATOR_FILE": str(ROOT / "tests" / "legal" / "operator.toml"),
    }


def check_deploy(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_gives_no_warning_in_production(tmp_path):
    run = check_deploy(production_env(tmp_path))
    assert run.returncode == 0, run.stdout + run.stderr
    # Two, each with its reason in SILENCED_SYSTEM_CHECKS: HSTS preload and ratelimit W001.
    assert "System check identified no issues (2 silenced)." in run.stdout


def test_the_oauth_provider_follows_rfc_9700_even_on_the_embedded_default(tmp_path):
    """Only what plain http cannot have (HSTS, redirect, secure cookies) and DEBUG remain
    in a development set-up; none of django-oauth-toolkit's RFC 9700 findings."""
    env = {"PATH": os.environ["PATH"], "DEBUG": "1", "CANDID_DATA_DIR": str(tmp_path)}
    run = check_deploy(env)
    found = re.findall(r"^\S*: \(([\w.]+)\)", run.stderr, re.M)
    assert not [check for check in found if check.startswith("oauth2_provider.")], run.stderr
    assert sorted(check for check in found if check.startswith("security.")) == [
        "security.W004",
        "security.W008",
        "security.W009",
        "security.W012",
        "security.W016",
        "security.W018",
    ], run.stderr

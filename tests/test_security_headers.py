"""Headers and secrets (issue 13, defect 8): a strict Content-Security-Policy with no
inline script or style anywhere, HTTPS settings switched on by CANDID_HTTPS=1, and no
start on the public embedded secret key without DEBUG.

Settings are read from the environment at start, so the HTTPS and secret-key tests start
Candid in a subprocess with the environment under test."""

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.thirdparty.conftest import (  # noqa: F401 - developer and oauth are fixtures
    REDIRECT,
    authorize_query,
    developer,
    oauth,
    pkce_pair,
)
from tests.transparency.conftest import rules  # noqa: F401 - the fixture
from tests.transparency.test_reports_output import decided  # noqa: F401 - the fixture

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE_FILES = sorted(
    path
    for path in ROOT.glob("**/templates/**/*.html")
    if ".venv" not in path.parts and "data" not in path.relative_to(ROOT).parts[:1]
)
INLINE = {
    "inline <script>": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I),
    "<style> element": re.compile(r"<style\b", re.I),
    "style attribute": re.compile(r"\sstyle\s*=", re.I),
    "on* handler": re.compile(r"\son[a-z]{3,}\s*=\s*[\"']", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
}


def inline_code(html: str) -> list[str]:
    return [name for name, pattern in INLINE.items() if pattern.search(html)]


def directives(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    parts = (part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    return {part[0]: part[1] if len(part) > 1 else "" for part in parts}


def test_there_are_templates_to_check():
    assert len(TEMPLATE_FILES) > 50


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_template_holds_inline_script_or_style(path):
    assert inline_code(path.read_text(encoding="utf-8")) == []


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/explore/", "/accounts/login/", "/rules/", "/transparency/"])
def test_pages_carry_a_strict_content_security_policy(client, url):
    policy = directives(client.get(url))
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'" and policy["base-uri"] == "'none'"
    assert policy["frame-ancestors"] == "'none'" and policy["form-action"] == "'self'"
    assert "unsafe-inline" not in str(policy)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["dsa", "netzdg"])
def test_report_pages_and_their_charts_have_no_inline_style(client, rules, decided, kind):  # noqa: F811
    response = client.get(f"/transparency/reports/{kind}/2026-H1/")
    html = response.content.decode()
    assert response.status_code == 200 and "<svg" in html
    assert inline_code(html) == []
    assert 'fill="#2f6f5e"' in html  # the bars keep their colour as an SVG attribute


@pytest.mark.django_db
def test_photo_profile_and_upload_pages_have_no_inline_code(client, alice, upload):
    photo = upload(alice, title="Harbour")
    client.force_login(alice)
    for url in (f"/photos/{photo.pk}/", f"/u/{alice.username}/", "/upload/", "/settings/apps/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert inline_code(response.content.decode()) == [], url


@pytest.mark.django_db
def test_the_consent_page_lets_its_form_lead_only_to_the_apps_registered_origin(
    client,
    alice,
    oauth,  # noqa: F811
):
    flow = oauth()
    _, challenge = pkce_pair()
    client.force_login(alice)
    page = client.get(
        f"/oauth/authorize/?{authorize_query(flow.app, scope='read:own', challenge=challenge)}"
    )
    assert page.status_code == 200
    assert directives(page)["form-action"].split() == ["'self'", "https://app.example.org"]
    assert REDIRECT.startswith("https://app.example.org/")
    assert directives(client.get("/settings/apps/"))["form-action"] == "'self'"


def candid(env: dict, code: str, tmp_path: Path) -> subprocess.CompletedProcess:
    """Run `code` in a fresh Python with Candid's settings under `env` (nothing inherited
    that the test does not name, besides PATH)."""
    full = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "candid.settings",
        "CANDID_DATA_DIR": str(tmp_path),
        "ALLOWED_HOSTS": "testserver",
        **env,
    }
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", f"import django\ndjango.setup()\n{code}"],
        cwd=ROOT,
        env=full,
        capture_output=True,
        text=True,
        timeout=120,
    )


REQUEST_FACTS = """
import json
from django.test import Client
from django.test.utils import override_settings
static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
from django.conf import settings
# No database here: what the recipient counter would write is beside the point.
middleware = [m for m in settings.MIDDLEWARE if not m.endswith("ActiveRecipientsMiddleware")]
override_settings(
    STORAGES={"default": static, "staticfiles": static}, MIDDLEWARE=middleware
).enable()
facts = {}
for name, headers in (("http", {}), ("https", {"HTTP_X_FORWARDED_PROTO": "https"})):
    response = Client().get("/accounts/login/", **headers)
    cookie = response.cookies.get("csrftoken")
    facts[name] = {
        "status": response.status_code,
        "location": response.get("Location", ""),
        "hsts": response.get("Strict-Transport-Security", ""),
        "csrf_secure": bool(cookie and cookie["secure"]),
    }
facts["session_secure"] = settings.SESSION_COOKIE_SECURE
print(json.dumps(facts))
"""
SECRET = {"SECRET_KEY": "x" * 60}


def test_candid_https_turns_on_redirect_hsts_and_secure_cookies(tmp_path):
    run = candid({**SECRET, "CANDID_HTTPS": "1"}, REQUEST_FACTS, tmp_path)
    assert run.returncode == 0, run.stderr
    facts = json.loads(run.stdout)
    assert facts["http"]["status"] == 301
    assert facts["http"]["location"] == "https://testserver/accounts/login/"
    https = facts["https"]
    assert https["status"] == 200 and https["csrf_secure"] and facts["session_secure"]
    assert https["hsts"] == "max-age=31536000; includeSubDomains"


def test_without_candid_https_the_forwarded_proto_header_is_not_trusted(tmp_path):
    run = candid(SECRET, REQUEST_FACTS, tmp_path)
    assert run.returncode == 0, run.stderr
    facts = json.loads(run.stdout)
    for name in ("http", "https"):
        assert facts[name]["status"] == 200 and not facts[name]["hsts"]
        assert not facts[name]["csrf_secure"]
    assert not facts["session_secure"]


def test_without_debug_candid_refuses_to_start_on_the_embedded_secret(tmp_path):
    for env in ({}, {"DEBUG": "0"}, {"SECRET_KEY": "candid-embedded-default-not-for-production"}):
        run = candid(env, "print('started')", tmp_path)
        assert run.returncode != 0 and "started" not in run.stdout
        assert "refuses to start without a secret key of its own" in run.stderr
    assert candid({"DEBUG": "1"}, "print('started')", tmp_path).stdout == "started\n"


def test_make_secret_creates_one_private_key_once_and_candid_uses_it(tmp_path):
    data = tmp_path / "data"
    make = ["make", "-s", "secret", f"CANDID_DATA_DIR={data}"]
    subprocess.run(make, cwd=ROOT, check=True, capture_output=True)  # noqa: S603
    key_file = data / "secret_key"
    key = key_file.read_text().strip()
    assert len(key) >= 50 and stat.S_IMODE(key_file.stat().st_mode) == 0o600
    subprocess.run(make, cwd=ROOT, check=True, capture_output=True)  # noqa: S603
    assert key_file.read_text().strip() == key
    code = "from django.conf import settings\nprint(settings.SECRET_KEY)"
    run = candid({"CANDID_DATA_DIR": str(data)}, code, tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == key

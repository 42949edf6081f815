"""The Content-Security-Policy in a real browser: the main pages, a report with its
charts, the API docs and the OAuth consent round trip load under the strict policy with
no violation in Chromium's console."""

import base64
import hashlib
import re
import secrets
from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect

from accounts.models import User
from tests.transparency.conftest import rules  # noqa: F401 - the fixture
from tests.transparency.test_reports_output import decided  # noqa: F401 - the fixture
from thirdparty.services import app_register

pytestmark = pytest.mark.browser

PASSWORD = "a long unusual passphrase"
REDIRECT = "https://gallery.example/callback"


class Console:
    """Every CSP violation Chromium reports on a page."""

    def __init__(self, page):
        self.violations: list[str] = []
        page.on("console", self._message)

    def _message(self, message) -> None:
        if "Content Security Policy" in message.text:
            self.violations.append(message.text)


def visit(page, url: str) -> None:
    response = page.goto(url)
    assert response.status == 200, url
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy, url


def log_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".menu summary")).to_be_visible()


def test_the_console_would_report_an_inline_style(new_page):
    """The detector itself: an inline style attribute is refused and reported."""
    page = new_page()
    console = Console(page)
    visit(page, "/explore/")
    page.evaluate("document.body.setAttribute('style', 'color: red')")
    page.wait_for_timeout(200)
    assert console.violations


def test_main_pages_and_a_report_load_without_csp_violations(
    new_page,
    upload,
    rules,  # noqa: F811
    decided,  # noqa: F811
):
    alice = User.objects.get(username="alice")
    alice.set_password(PASSWORD)
    alice.save()
    photo = upload(alice, title="Harbour at dawn")
    page = new_page()
    console = Console(page)
    for url in ("/explore/", "/accounts/login/", "/transparency/reports/dsa/2026-H1/"):
        visit(page, url)
    expect(page.locator("figure.chart svg").first).to_be_visible()
    log_in(page, "alice")
    for url in (f"/photos/{photo.pk}/", "/u/alice/", "/upload/", "/settings/apps/"):
        visit(page, url)
    visit(page, "/api/v1/docs")
    # The page fetches its OpenAPI document afterwards and renders it: the test waits for
    # the rendered title (a document Swagger UI refuses shows none) and for that request
    # to end, or the live server would still read the database while the test's data is
    # flushed (a teardown error on a busy machine).
    expect(page.locator(".swagger-ui .info .title").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert console.violations == []


def test_the_oauth_consent_form_may_lead_to_the_apps_redirect_uri(new_page, upload):
    alice = User.objects.create_user("alice", "alice@example.org", PASSWORD)
    app, _ = app_register(
        owner=alice, name="Gallery Sync", redirect_uris=REDIRECT, client_type="public"
    )
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    query = {
        "response_type": "code",
        "client_id": app.client_id,
        "redirect_uri": REDIRECT,
        "scope": "read:own",
        "state": "s1",
        "code_challenge": base64.urlsafe_b64encode(digest).rstrip(b"=").decode(),
        "code_challenge_method": "S256",
    }
    page = new_page()
    page.context.route(f"{REDIRECT}**", lambda route: route.fulfill(status=200, body="app"))
    console = Console(page)
    log_in(page, "alice")
    visit(page, f"/oauth/authorize/?{urlencode(query)}")
    page.get_by_role("button", name="Authorise").click()
    expect(page).to_have_url(re.compile(r"^https://gallery\.example/callback\?code="))
    assert console.violations == []

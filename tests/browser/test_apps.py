"""Third-party apps in a real browser: register an app, authorise it with explicit
scopes, let its token read the user's own private photo (and not a followers-only photo
of someone the user follows), then revoke it on /settings/apps/ and see the token die."""

import base64
import hashlib
import re
import secrets
from urllib.parse import parse_qs, urlencode, urlparse

import pytest
from playwright.sync_api import expect

from accounts.models import User
from social.services import follow_create
from thirdparty.models import AppAuthorisation

pytestmark = pytest.mark.browser

PASSWORD = "a long unusual passphrase"
REDIRECT = "https://gallery.example/callback"


def log_in(page, username: str):
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".menu summary")).to_be_visible()


def register_app(page, redirect_uri: str) -> str:
    page.goto("/settings/apps/new/")
    page.get_by_label("Name").fill("Gallery Sync")
    page.get_by_label("Redirect URIs").fill(redirect_uri)
    page.get_by_role("radio", name=re.compile("Public")).check()
    page.get_by_role("button", name="Register app").click()
    expect(page.get_by_text("“Gallery Sync” is registered")).to_be_visible()
    return page.locator("#client-id").input_value()


def authorise(page, client_id: str, redirect_uri: str, challenge: str) -> str:
    query = urlencode(
        {
            "response_type": "code",
            "client_id": client_id,
            "redirect_uri": redirect_uri,
            "scope": "read:public read:own",
            "state": "s1",
            "code_challenge": challenge,
            "code_challenge_method": "S256",
        }
    )
    page.goto(f"/oauth/authorize/?{query}")
    expect(page.get_by_role("heading", name="Let “Gallery Sync” use your account?")).to_be_visible()
    expect(page.get_by_text("read:own", exact=True)).to_be_visible()
    page.get_by_role("button", name="Authorise").click()
    expect(page).to_have_url(re.compile(r"^https://gallery\.example/callback\?code="))
    return parse_qs(urlparse(page.url).query)["code"][0]


def test_register_authorise_read_and_revoke_an_app(new_page, live_server, upload):
    alice = User.objects.create_user("alice", "alice@example.org", PASSWORD)
    bob = User.objects.create_user("bob", "bob@example.org", PASSWORD)
    follow_create(follower=alice, followee=bob)
    own_private = upload(alice, title="Alice private", visibility="private")
    bobs_followers_only = upload(bob, title="Bob followers", visibility="followers")
    redirect_uri = REDIRECT
    verifier = secrets.token_urlsafe(48)
    challenge = (
        base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    )

    page = new_page()
    # The app's own (https) callback, answered in the browser: nothing leaves the machine.
    page.context.route(f"{REDIRECT}**", lambda route: route.fulfill(status=200, body="app"))
    log_in(page, "alice")
    client_id = register_app(page, redirect_uri)
    code = authorise(page, client_id, redirect_uri, challenge)

    exchanged = page.request.post(
        f"{live_server.url}/oauth/token/",
        form={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            "client_id": client_id,
            "code_verifier": verifier,
        },
    )
    assert exchanged.status == 200, exchanged.text()
    bearer = {"Authorization": f"Bearer {exchanged.json()['access_token']}"}
    api = f"{live_server.url}/api/v1"
    mine = page.request.get(f"{api}/photos/{own_private.pk}", headers=bearer)
    assert mine.status == 200 and mine.json()["title"] == "Alice private"
    theirs = page.request.get(f"{api}/photos/{bobs_followers_only.pk}", headers=bearer)
    assert theirs.status == 404

    page.goto("/settings/apps/")
    row = (
        page.get_by_role("table", name="Authorised apps")
        .get_by_role("row")
        .filter(has_text="Gallery Sync")
    )
    expect(row).to_contain_text("read:own")
    expect(row).to_contain_text("ago")
    page.get_by_role("link", name="Access log").click()
    expect(page.get_by_text(f"/api/v1/photos/{bobs_followers_only.pk}")).to_be_visible()
    page.goto("/settings/apps/")
    page.get_by_role("button", name="Revoke Gallery Sync").click()
    expect(page.get_by_text("“Gallery Sync” can no longer use your account")).to_be_visible()

    assert page.request.get(f"{api}/me", headers=bearer).status == 401
    assert AppAuthorisation.objects.get(user=alice).revoked_at is not None

"""OAuth helpers: register an app through the service and walk the real authorization
code flow (authorise page, PKCE, token endpoint) with Django's test client."""

import base64
import hashlib
import json
import secrets
from urllib.parse import parse_qs, urlencode, urlparse

import pytest
from django.test import Client

from tests.api.conftest import ApiClient
from thirdparty.services import app_register

REDIRECT = "https://app.example.org/callback"


def pkce_pair() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def authorize_query(app, *, scope: str, challenge: str, redirect_uri: str = REDIRECT) -> str:
    return urlencode(
        {
            "response_type": "code",
            "client_id": app.client_id,
            "redirect_uri": redirect_uri,
            "scope": scope,
            "state": "xyz",
            "code_challenge": challenge,
            "code_challenge_method": "S256",
        }
    )


class OAuthFlow:
    def __init__(self, app, secret: str):
        self.app, self.secret = app, secret

    def code(self, user, scope: str, challenge: str) -> str:
        browser = Client()
        browser.force_login(user)
        query = authorize_query(self.app, scope=scope, challenge=challenge)
        page = browser.get(f"/oauth/authorize/?{query}")
        assert page.status_code == 200, page.content
        form = {k: v for k, v in page.context["form"].initial.items() if v is not None}
        answer = browser.post("/oauth/authorize/", {**form, "allow": "on"})
        assert answer.status_code == 302, answer.content
        params = parse_qs(urlparse(answer["Location"]).query)
        assert params["state"] == ["xyz"]
        return params["code"][0]

    def exchange(self, code: str, verifier: str) -> dict:
        data = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": REDIRECT,
            "client_id": self.app.client_id,
            "code_verifier": verifier,
        }
        if self.secret:
            data["client_secret"] = self.secret
        response = Client().post("/oauth/token/", data)
        assert response.status_code == 200, response.content
        return json.loads(response.content)

    def tokens(self, user, scope: str) -> dict:
        verifier, challenge = pkce_pair()
        return self.exchange(self.code(user, scope, challenge), verifier)

    def token(self, user, scope: str) -> str:
        return self.tokens(user, scope)["access_token"]

    def api(self, user, scope: str) -> ApiClient:
        return ApiClient(self.token(user, scope))


@pytest.fixture
def developer(make_user):
    return make_user("devon")


@pytest.fixture
def oauth(developer):
    """oauth(client_type="confidential") -> OAuthFlow for a freshly registered app."""

    def make(client_type: str = "confidential", name: str = "Photo Printer") -> OAuthFlow:
        app, secret = app_register(
            owner=developer, name=name, redirect_uris=REDIRECT, client_type=client_type
        )
        return OAuthFlow(app, secret)

    return make

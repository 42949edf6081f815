"""RFC 9700 hardening of the OAuth provider: S256 PKCE only, tokens stored hashed, a
replayed refresh token revokes its whole family, and owner-only endpoints refuse apps
with 403 and a reason."""

import hashlib
import importlib
import json
from urllib.parse import parse_qs, urlparse

import pytest
from django.apps import apps
from django.test import Client
from oauth2_provider.models import AccessToken, Grant, RefreshToken

from core.models import Event
from tests.api.conftest import ApiClient
from tests.thirdparty.conftest import REDIRECT, authorize_query, pkce_pair
from thirdparty.models import AppAuthorisation


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def refresh(flow, refresh_token: str):
    data = {
        "grant_type": "refresh_token",
        "refresh_token": refresh_token,
        "client_id": flow.app.client_id,
    }
    if flow.secret:
        data["client_secret"] = flow.secret
    return Client().post("/oauth/token/", data)


@pytest.mark.django_db
@pytest.mark.parametrize("client_type", ["confidential", "public"])
def test_a_plain_pkce_challenge_is_refused_and_nothing_is_granted(oauth, alice, client_type):
    flow = oauth(client_type)
    verifier, _ = pkce_pair()
    query = authorize_query(flow.app, scope="read:own", challenge=verifier)
    query = query.replace("code_challenge_method=S256", "code_challenge_method=plain")
    browser = signed_in(alice)
    page = browser.get(f"/oauth/authorize/?{query}")
    assert page.status_code == 302 and page["Location"].startswith(REDIRECT)
    params = parse_qs(urlparse(page["Location"]).query)
    assert params["error"] == ["invalid_request"]
    assert "plain" in params["error_description"][0] or "S256" in params["error_description"][0]
    form = {
        "client_id": flow.app.client_id,
        "redirect_uri": REDIRECT,
        "response_type": "code",
        "scope": "read:own",
        "state": "xyz",
        "code_challenge": verifier,
        "code_challenge_method": "plain",
        "allow": "on",
    }
    browser.post("/oauth/authorize/", form)
    assert not Grant.objects.exists() and not AccessToken.objects.exists()


@pytest.mark.django_db
def test_the_authorisation_response_names_the_issuer(oauth, alice, settings):
    """RFC 9207: the `iss` parameter lets a client notice a mix-up attack."""
    flow = oauth()
    _, challenge = pkce_pair()
    browser = signed_in(alice)
    query = authorize_query(flow.app, scope="read:own", challenge=challenge)
    page = browser.get(f"/oauth/authorize/?{query}")
    form = {k: v for k, v in page.context["form"].initial.items() if v is not None}
    answer = browser.post("/oauth/authorize/", {**form, "allow": "on"})
    params = parse_qs(urlparse(answer["Location"]).query)
    assert params["iss"] == [settings.SITE_URL]


@pytest.mark.django_db
@pytest.mark.parametrize("client_type", ["confidential", "public"])
def test_tokens_are_stored_only_as_hashes_and_still_work(oauth, alice, client_type):
    flow = oauth(client_type)
    tokens = flow.tokens(alice, "read:own")
    access, refresh_row = AccessToken.objects.get(), RefreshToken.objects.get()
    dump = json.dumps([access.token, refresh_row.token, access.token_checksum])
    assert tokens["access_token"] not in dump and tokens["refresh_token"] not in dump
    assert access.token_checksum == hashlib.sha256(tokens["access_token"].encode()).hexdigest()
    assert ApiClient(tokens["access_token"]).get("/me").status_code == 200
    renewed = refresh(flow, tokens["refresh_token"])
    assert renewed.status_code == 200, renewed.content
    fresh = json.loads(renewed.content)
    assert ApiClient(fresh["access_token"]).get("/me").status_code == 200
    assert not AccessToken.objects.exclude(token="").exists()
    assert not RefreshToken.objects.exclude(token="").exists()


@pytest.mark.django_db
def test_the_migration_blanks_tokens_stored_in_plain_text(oauth, alice):
    flow = oauth()
    tokens = flow.tokens(alice, "read:own")
    # A row as it was stored before hashed storage: the token in the clear.
    AccessToken.objects.update(token=tokens["access_token"])
    RefreshToken.objects.update(token=tokens["refresh_token"])
    migration = importlib.import_module("thirdparty.migrations.0002_hash_stored_oauth_tokens")
    migration.blank_plaintext_tokens(apps, None)
    assert AccessToken.objects.get().token == "" and RefreshToken.objects.get().token == ""
    assert ApiClient(tokens["access_token"]).get("/me").status_code == 200
    assert refresh(flow, tokens["refresh_token"]).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("client_type", ["confidential", "public"])
def test_a_replayed_refresh_token_revokes_the_whole_family(oauth, alice, client_type):
    """RFC 9700 §4.14.2: a refresh token used twice was stolen (by the app or the thief);
    every token descended from the same authorisation stops working."""
    flow = oauth(client_type)
    first = flow.tokens(alice, "read:own")
    second = json.loads(refresh(flow, first["refresh_token"]).content)
    assert ApiClient(second["access_token"]).get("/me").status_code == 200
    replay = refresh(flow, first["refresh_token"])
    assert replay.status_code == 400
    assert json.loads(replay.content)["error"] == "invalid_grant"
    assert ApiClient(second["access_token"]).get("/me").status_code == 401
    assert refresh(flow, second["refresh_token"]).status_code == 400
    assert not AccessToken.objects.filter(user=alice).exists()
    assert not RefreshToken.objects.filter(user=alice, revoked__isnull=True).exists()
    authorisation = AppAuthorisation.objects.get(user=alice, application=flow.app)
    # Both refused uses of a revoked refresh token are recorded: the replay, and the app's
    # own token that the replay revoked.
    reuses = Event.objects.filter(kind="app.refresh_token_reused")
    assert reuses.count() == 2
    for reuse in reuses:
        assert reuse.subject_id == authorisation.pk
        assert reuse.data == {"application_id": flow.app.pk, "family_revoked": True}


@pytest.mark.django_db
def test_an_unknown_refresh_token_is_refused_and_is_not_recorded_as_reuse(oauth, alice):
    flow = oauth()
    flow.tokens(alice, "read:own")
    assert refresh(flow, "not-a-refresh-token").status_code == 400
    assert not Event.objects.filter(kind="app.refresh_token_reused").exists()
    assert AccessToken.objects.filter(user=alice).exists()


@pytest.mark.django_db
def test_a_replay_leaves_other_authorisations_of_the_user_alone(oauth, alice):
    flow = oauth()
    stolen = flow.tokens(alice, "read:own")
    other = flow.tokens(alice, "read:own")
    refresh(flow, stolen["refresh_token"])
    refresh(flow, stolen["refresh_token"])
    assert ApiClient(other["access_token"]).get("/me").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "method,path",
    [
        ("post", "/users/{username}/exports"),
        ("post", "/users/{username}/erasure"),
        ("get", "/me/exports"),
        ("get", "/me/erasure"),
        ("put", "/me/consent"),
        ("post", "/me/consent/withdrawals"),
    ],
)
def test_an_app_token_on_an_owner_only_endpoint_gets_403_with_a_reason(oauth, alice, method, path):
    api = oauth().api(alice, "read:public read:own write")
    answer = getattr(api, method)(path.format(username=alice.username))
    assert answer.status_code == 403
    assert "third-party app" in json.loads(answer.content)["detail"]


@pytest.mark.django_db
def test_an_http_redirect_uri_is_refused_at_registration(alice):
    from core.errors import ServiceError
    from thirdparty.services import app_register

    with pytest.raises(ServiceError):
        app_register(
            owner=alice,
            name="Leaky",
            redirect_uris="http://app.example.org/callback",
            client_type="public",
        )

"""Registering apps and the authorisation-code flow, including the refusals."""

from urllib.parse import parse_qs, urlparse

import pytest
from django.test import Client
from oauth2_provider.models import AccessToken, Application, Grant

from core.errors import ServiceError
from core.models import Event
from tests.thirdparty.conftest import REDIRECT, authorize_query, pkce_pair
from thirdparty.models import AppAuthorisation
from thirdparty.services import app_register


def nothing_granted():
    return not (
        Grant.objects.exists() or AccessToken.objects.exists() or AppAuthorisation.objects.exists()
    )


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("client_type", ["confidential", "public"])
def test_authorising_an_app_issues_a_token_with_the_granted_scopes(oauth, alice, client_type):
    flow = oauth(client_type)
    tokens = flow.tokens(alice, "read:public read:own")
    assert tokens["scope"] == "read:public read:own" and tokens["refresh_token"]
    authorisation = AppAuthorisation.objects.get(user=alice, application=flow.app)
    assert authorisation.scopes == ["read:own", "read:public"] and authorisation.is_active
    assert Event.objects.filter(kind="app.authorised", subject_id=authorisation.pk).exists()


@pytest.mark.django_db
def test_the_authorise_page_names_and_explains_each_scope(oauth, alice):
    flow = oauth()
    _, challenge = pkce_pair()
    query = authorize_query(flow.app, scope="read:own write", challenge=challenge)
    page = signed_in(alice).get(f"/oauth/authorize/?{query}")
    text = page.content.decode()
    assert page.status_code == 200 and "Photo Printer" in text
    assert "read:own" in text and "write" in text and "read:public" not in text
    assert "never sees other people" in text


@pytest.mark.django_db
def test_an_unknown_scope_is_refused_and_nothing_is_granted(oauth, alice):
    flow = oauth()
    _, challenge = pkce_pair()
    query = authorize_query(flow.app, scope="read:own read:everything", challenge=challenge)
    answer = signed_in(alice).get(f"/oauth/authorize/?{query}")
    assert answer.status_code == 302 and answer["Location"].startswith(REDIRECT)
    params = parse_qs(urlparse(answer["Location"]).query)
    assert params["error"] == ["invalid_scope"]
    assert nothing_granted()


@pytest.mark.django_db
def test_a_wrong_redirect_uri_is_shown_as_an_error_and_never_followed(oauth, alice):
    flow = oauth()
    _, challenge = pkce_pair()
    query = authorize_query(
        flow.app, scope="read:own", challenge=challenge, redirect_uri="https://evil.example/x"
    )
    page = signed_in(alice).get(f"/oauth/authorize/?{query}")
    assert page.status_code == 400
    text = page.content.decode()
    assert "cannot be accepted" in text and "redirect" in text.lower()
    assert "evil.example" not in page.get("Location", "")
    assert nothing_granted()


@pytest.mark.django_db
def test_a_request_without_pkce_is_refused(oauth, alice):
    flow = oauth("public")
    query = authorize_query(flow.app, scope="read:own", challenge="").replace(
        "&code_challenge=&code_challenge_method=S256", ""
    )
    answer = signed_in(alice).get(f"/oauth/authorize/?{query}")
    assert answer.status_code == 302
    assert parse_qs(urlparse(answer["Location"]).query)["error"] == ["invalid_request"]
    assert nothing_granted()


@pytest.mark.django_db
def test_cancelling_grants_nothing(oauth, alice):
    flow = oauth()
    _, challenge = pkce_pair()
    browser = signed_in(alice)
    page = browser.get(
        f"/oauth/authorize/?{authorize_query(flow.app, scope='read:own', challenge=challenge)}"
    )
    form = {k: v for k, v in page.context["form"].initial.items() if v is not None}
    answer = browser.post("/oauth/authorize/", form)
    assert parse_qs(urlparse(answer["Location"]).query)["error"] == ["access_denied"]
    assert nothing_granted()


@pytest.mark.django_db
def test_a_code_cannot_be_exchanged_without_the_pkce_verifier(oauth, alice):
    flow = oauth()
    _, challenge = pkce_pair()
    code = flow.code(alice, "read:own", challenge)
    data = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": REDIRECT,
        "client_id": flow.app.client_id,
        "client_secret": flow.secret,
        "code_verifier": pkce_pair()[0],
    }
    answer = Client().post("/oauth/token/", data)
    assert answer.status_code == 400 and b"invalid_grant" in answer.content
    assert not AccessToken.objects.exists()


@pytest.mark.django_db
def test_signed_out_people_are_sent_to_sign_in_first(oauth):
    flow = oauth()
    _, challenge = pkce_pair()
    answer = Client().get(
        f"/oauth/authorize/?{authorize_query(flow.app, scope='read:own', challenge=challenge)}"
    )
    assert answer.status_code == 302 and answer["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_registering_an_app_shows_the_secret_once_and_stores_it_hashed(alice):
    page = signed_in(alice).post(
        "/settings/apps/new/",
        {"name": "Printer", "redirect_uris": REDIRECT, "client_type": "confidential"},
    )
    app = Application.objects.get(user=alice)
    secret = page.context["secret"]
    assert page.status_code == 200 and secret and secret in page.content.decode()
    assert app.client_secret != secret and app.client_secret.startswith(("pbkdf2", "argon2", "md5"))
    assert app.authorization_grant_type == "authorization-code" and not app.skip_authorization
    assert Event.objects.filter(kind="app.registered", actor=alice).exists()


@pytest.mark.django_db
def test_a_public_client_gets_no_secret(alice):
    app, secret = app_register(
        owner=alice, name="Phone app", redirect_uris=REDIRECT, client_type="public"
    )
    assert secret == "" and app.client_type == "public"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields, message",
    [
        ({"name": " ", "redirect_uris": REDIRECT, "client_type": "public"}, "needs a name"),
        ({"name": "X", "redirect_uris": "", "client_type": "public"}, "redirect URI"),
        ({"name": "X", "redirect_uris": "javascript:alert(1)", "client_type": "public"}, "URI"),
        ({"name": "X", "redirect_uris": REDIRECT, "client_type": "trusted"}, "client type"),
    ],
)
def test_registering_with_bad_input_is_refused_and_stores_nothing(alice, fields, message):
    with pytest.raises(ServiceError) as refused:
        app_register(owner=alice, **fields)
    assert message in refused.value.message
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_the_register_page_shows_a_bad_redirect_uri_and_stores_nothing(alice):
    page = signed_in(alice).post(
        "/settings/apps/new/",
        {"name": "Printer", "redirect_uris": "ftp://files.example/x", "client_type": "public"},
    )
    assert page.status_code == 400 and "ftp" in page.content.decode().lower()
    assert not Application.objects.exists()

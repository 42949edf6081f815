"""The settings pages in German (issue 15): profile, access tokens (form, new secret,
revoking), sessions and the second factor; the token service's refusals."""

import pytest
from django.utils import translation

from accounts.models import ApiToken
from accounts.services import token_create, token_revoke
from core.errors import PermissionDenied, ServiceError
from tests.language_reset import back_to_the_default_language  # noqa: F401

pytestmark = pytest.mark.django_db
DE = {"HTTP_ACCEPT_LANGUAGE": "de"}


def page(client, url: str) -> str:
    html = client.get(url, **DE).content.decode()
    assert '<html lang="de"' in html
    return html


def test_the_profile_page_speaks_german(client, alice):
    client.force_login(alice)
    html = page(client, "/settings/profile/")
    assert "Profil speichern" in html and "Anzeigename" in html


def test_the_tokens_page_speaks_german(client, alice):
    client.force_login(alice)
    html = page(client, "/settings/tokens/")
    assert "Persönliche Zugriffstokens" in html
    assert "Sie haben keine aktiven Tokens." in html
    assert "Wofür dieses Token ist, z. B. „Laptop-Sync“." in html
    assert "Lesen" in html and "Schreiben" in html
    created = client.post(
        "/settings/tokens/", {"name": "sync", "scopes": ["read"]}, **DE
    ).content.decode()
    assert "Ihr neues Token „sync“" in created
    assert "Kopieren Sie es jetzt" in created and "<td>nie</td>" in created
    token = ApiToken.objects.get(user=alice)
    revoked = client.post(f"/settings/tokens/{token.pk}/revoke/", follow=True, **DE)
    assert "Das Token „sync“ ist widerrufen." in revoked.content.decode()


def test_the_sessions_and_second_factor_pages_speak_german(client, alice):
    client.force_login(alice)
    assert "Ihre Sitzungen" in page(client, "/settings/sessions/")
    assert "Authenticator-App" in page(client, "/settings/second-factor/")


def test_token_refusals_are_german(alice, bob):
    token, _secret = token_create(user=alice, name="x", scopes=["read"])
    with translation.override("de"), pytest.raises(ServiceError) as bad:
        token_create(user=alice, name="x" * 81, scopes=["read"])
    assert bad.value.message == "Der Name eines Tokens darf höchstens 80 Zeichen lang sein."
    with translation.override("de"), pytest.raises(ServiceError) as unknown:
        token_create(user=alice, name="y", scopes=["admin"])
    assert unknown.value.message == "Unbekannte oder fehlende Scopes: admin."
    with translation.override("de"), pytest.raises(PermissionDenied) as foreign:
        token_revoke(user=bob, token=token)
    assert foreign.value.message == "Dieses Token gehört nicht Ihnen."

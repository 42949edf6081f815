"""The third-party app pages in German (issue 15): the apps list with its scopes
explained, registering an app, the authorisation page and the access log."""

import pytest
from django.test import Client

from tests.language_reset import back_to_the_default_language  # noqa: F401
from tests.thirdparty.conftest import REDIRECT, authorize_query, pkce_pair

pytestmark = pytest.mark.django_db
DE = {"HTTP_ACCEPT_LANGUAGE": "de"}


def german(user) -> Client:
    browser = Client(**DE)
    browser.force_login(user)
    return browser


def test_the_apps_page_speaks_german(oauth, alice):
    flow = oauth()
    flow.token(alice, "read:own")
    html = german(alice).get("/settings/apps/").content.decode()
    assert '<html lang="de"' in html
    assert "Apps, die Ihr Konto nutzen dürfen" in html
    assert "<td>nie</td>" in html and "Zugriffsprotokoll" in html
    assert "Öffentliche Fotos, Alben, Profile und Kommentare lesen" in html
    assert 'aria-label="Photo Printer widerrufen"' in html


def test_registering_an_app_speaks_german(alice):
    browser = german(alice)
    form = browser.get("/settings/apps/new/").content.decode()
    assert "App registrieren" in form and "Weiterleitungs-URIs" in form
    assert "Vertraulich: ein Server, der ein Geheimnis bewahrt" in form
    done = browser.post(
        "/settings/apps/new/",
        {"name": "Printer", "redirect_uris": REDIRECT, "client_type": "confidential"},
    ).content.decode()
    assert "„Printer“ ist registriert" in done and "Client-Geheimnis" in done
    refused = browser.post(
        "/settings/apps/new/", {"name": "X", "redirect_uris": " ", "client_type": "public"}
    )
    assert "Dieses Feld ist zwingend erforderlich." in refused.content.decode()


def test_the_authorisation_page_explains_the_scopes_in_german(oauth, alice):
    flow = oauth()
    _, challenge = pkce_pair()
    query = authorize_query(flow.app, scope="read:own write", challenge=challenge)
    html = german(alice).get(f"/oauth/authorize/?{query}").content.decode()
    assert "„Photo Printer“ Ihr Konto nutzen lassen?" in html
    assert "Ihre eigenen Fotos und Alben lesen" in html
    assert "Ihre Fotos und Alben hochladen, bearbeiten und löschen" in html
    assert ">Autorisieren</button>" in html


def test_the_access_log_speaks_german(oauth, alice):
    flow = oauth()
    flow.api(alice, "read:own").get("/me")
    html = german(alice).get(f"/settings/apps/{flow.app.pk}/log/").content.decode()
    assert "Was „Photo Printer“ mit Ihrem Konto getan hat" in html
    assert "Einträge werden" in html and "Tage lang aufbewahrt" in html
    assert "gelesen <code>GET /api/v1/me</code>" in html


def test_revoking_an_app_is_confirmed_in_german(oauth, alice):
    flow = oauth()
    flow.token(alice, "read:public")
    done = german(alice).post(f"/settings/apps/{flow.app.pk}/revoke/", follow=True)
    html = done.content.decode()
    assert "„Photo Printer“ kann Ihr Konto nicht mehr nutzen" in html
    assert "Sie haben keine App autorisiert." in html

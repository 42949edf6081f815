"""The settings pages of issue 17 in German: the settings page, Account, Defaults, the
messages of a password and an address change, their e-mails, and the erasure confirmation."""

import re

import pytest
from django.test import Client
from django.utils import translation

from accounts.email_change import email_change_request
from core.errors import ServiceError
from core.models import OutgoingMail
from tests.language_reset import back_to_the_default_language  # noqa: F401

pytestmark = pytest.mark.django_db
DE = {"HTTP_ACCEPT_LANGUAGE": "de"}
PASSWORD = "correct horse battery"


def page(client, url: str, status: int = 200) -> str:
    response = client.get(url, **DE)
    assert response.status_code == status
    html = response.content.decode()
    assert '<html lang="de"' in html
    return html


def test_the_settings_page_speaks_german(client, alice):
    client.force_login(alice)
    html = page(client, "/settings/")
    for title in ("Profil", "Konto", "Voreinstellungen", "Benachrichtigungen", "Privatsphäre"):
        assert f">{title}</a></h2>" in html, title
    assert ">Einwilligung und KI</a></h2>" in html and ">Apps und Tokens</a></h2>" in html
    assert "Neue Fotos: Alle Rechte vorbehalten, Öffentlich, Standort verborgen." in html
    assert 'aria-label="Einstellungen"' in html


def test_account_and_defaults_speak_german(client, alice):
    client.force_login(alice)
    account = page(client, "/settings/account/")
    assert "Passwort ändern" in account and "Neue E-Mail-Adresse" in account
    assert "Alle anderen Browser" in account or "alle anderen Browser" in account
    defaults = page(client, "/settings/defaults/")
    assert (
        "Voreinstellungen für neue Fotos" in defaults and "Voreinstellungen speichern" in defaults
    )


def test_a_password_change_speaks_german_on_the_page_and_in_the_mail(alice):
    alice.language = "de"
    alice.save(update_fields=["language"])
    laptop = Client(HTTP_USER_AGENT="Laptop")
    laptop.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    new = "eine deutlich längere Passphrase 7"
    data = {"old_password": "falsch", "new_password1": new, "new_password2": new}
    refused = laptop.post("/settings/account/password/", data, **DE)
    assert "Das alte Passwort war falsch" in refused.content.decode()
    data["old_password"] = PASSWORD
    done = laptop.post("/settings/account/password/", data, follow=True, **DE)
    assert "Ihr Passwort wurde geändert. 0 andere Sitzungen wurden abgemeldet." in (
        done.content.decode()
    )
    mail = OutgoingMail.objects.get(purpose__contains="password_changed")
    assert mail.subject == "Ihr Candid-Passwort wurde geändert"
    assert "das Passwort Ihres Candid-Kontos wurde am" in mail.body


def test_an_address_change_speaks_german(client, alice):
    client.force_login(alice)
    form = {"new_email": "alice@neu.example", "password": PASSWORD}
    sent = client.post("/settings/account/email/", form, follow=True, **DE)
    assert "Wir haben einen Link an alice@neu.example geschickt." in sent.content.decode()
    mail = OutgoingMail.objects.get(recipient="alice@neu.example")
    assert mail.subject == "Bestätigen Sie Ihre neue E-Mail-Adresse für Candid"
    link = re.search(r"https?://[^/\s]+(/settings/account/email/\S+/)", mail.body).group(1)
    done = client.get(link, follow=True, **DE)
    assert "Ihre E-Mail-Adresse ist jetzt alice@neu.example." in done.content.decode()
    with translation.override("de"), pytest.raises(ServiceError) as refused:
        email_change_request(user=alice, new_email="x@y.example", password="x", language="de")
    assert refused.value.message == (
        "Ihr Passwort ist nicht korrekt, daher wurde Ihre E-Mail-Adresse nicht geändert."
    )


def test_the_empty_delete_confirmation_speaks_german(client, alice):
    client.force_login(alice)
    response = client.post("/settings/data/erasure/", {"confirm": ""}, **DE)
    assert response.status_code == 400
    assert "Ihr Konto wurde nicht gelöscht: Die Bestätigung ist leer." in (
        response.content.decode()
    )

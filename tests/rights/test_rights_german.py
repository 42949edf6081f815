"""The your-data page, its messages and the rights services' refusals in German
(issue 15)."""

import pytest
from django.utils import translation

from core.errors import PermissionDenied, ServiceError
from rights.services.erasure import erasure_request
from rights.services.exports import export_request
from tests.language_reset import back_to_the_default_language  # noqa: F401

pytestmark = pytest.mark.django_db
DE = {"HTTP_ACCEPT_LANGUAGE": "de"}


def test_the_your_data_page_speaks_german(client, alice, exported):
    export = exported(alice)
    client.force_login(alice)
    html = client.get("/settings/data/", **DE).content.decode()
    assert '<html lang="de"' in html
    assert "Alles, was Candid über Sie speichert, gehört Ihnen" in html
    assert "Jedes Archiv kann 7 Tage lang heruntergeladen werden." in html
    assert export.state == "ready" and '<td class="export-state">bereit (' in html
    assert "Ihr Konto löschen" in html and "Mein Konto löschen" in html


def test_asking_for_erasure_is_confirmed_and_refused_in_german(client, alice):
    client.force_login(alice)
    wrong = client.post("/settings/data/erasure/", {"confirm": "bob"}, follow=True, **DE)
    assert "Ihr Konto wurde nicht gelöscht: „bob“ ist nicht Ihr Benutzername." in (
        wrong.content.decode()
    )
    done = client.post("/settings/data/erasure/", {"confirm": "alice"}, follow=True, **DE)
    html = done.content.decode()
    assert "Ihr Konto wird am " in html and "Löschung zurücknehmen" in html
    again = client.post("/settings/data/erasure/", {"confirm": "alice"}, follow=True, **DE)
    assert "Sie haben die Löschung Ihres Kontos bereits beantragt." in again.content.decode()


def test_rights_refusals_are_german(alice, bob):
    with translation.override("de"), pytest.raises(PermissionDenied) as refused:
        export_request(actor=bob, user=alice)
    assert refused.value.message == "Sie können nur Ihr eigenes Konto exportieren."
    erasure_request(actor=alice, user=alice)
    with translation.override("de"), pytest.raises(ServiceError) as twice:
        erasure_request(actor=alice, user=alice)
    assert twice.value.message == "Sie haben die Löschung Ihres Kontos bereits beantragt."

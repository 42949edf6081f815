"""The consent pages, dataset pages, lookup and depicted-person requests in German
(issue 15): a German browser gets German pages, refusals come in German, and every mail
reaches its reader in their language (the owner's saved one; the requester's of the
request, also when staff decide in English)."""

# ruff: noqa: F811  (fixtures imported from releases_support)
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from consent.models.lookup import DepictedRequest
from consent.services.consent import consent_set, consent_withdraw
from consent.services.depicted import depicted_request_decide, depicted_request_submit
from consent.services.releases import release_build
from core.errors import PermissionDenied, ServiceError
from tests.consent.releases_support import admin, consenting, dataset  # noqa: F401
from tests.language_reset import back_to_the_default_language  # noqa: F401
from tests.moderation_fixtures import staff_login

pytestmark = pytest.mark.django_db
DE = {"HTTP_ACCEPT_LANGUAGE": "de-DE,de;q=0.9"}


def german_page(client, url, status=200) -> str:
    response = client.get(url, **DE)
    assert response.status_code == status
    html = response.content.decode()
    assert '<html lang="de"' in html
    return html


def test_the_consent_settings_page_speaks_german(client, alice, upload):
    photo = upload(alice)
    consent_set(user=alice, purpose="ai_training", allowed=True)
    client.force_login(alice)
    html = german_page(client, reverse("consent_settings"))
    assert "Einwilligung: KI-Training, Biometrie und Datensätze" in html
    assert "KI/ML-Training erlauben" in html
    assert "Candid selbst führt niemals Gesichtserkennung" in html
    assert "Einwilligungseinstellungen speichern" in html
    assert "<td>KI/ML-Training</td>" in html and "<td>Erlaubt</td>" in html
    assert "alle Fotos" in html
    photo_page = german_page(client, reverse("photo_consent", args=[photo.pk]))
    assert "Einwilligung für „A photo“" in photo_page
    assert "Wie meine Kontoeinstellung" in photo_page
    assert "Was jetzt für dieses Foto gilt" in photo_page


def test_saving_consent_confirms_in_german(client, alice):
    client.force_login(alice)
    response = client.post(reverse("consent_settings"), {"biometric": "on"}, follow=True, **DE)
    assert "Ihre Einwilligungseinstellungen sind gespeichert." in response.content.decode()


def test_withdrawal_pages_speak_german(client, alice, upload):
    upload(alice)
    client.force_login(alice)
    assert "Ein Schritt verweigert jeden Zweck" in german_page(client, reverse("consent_withdraw"))
    response = client.post(reverse("consent_withdraw"), {"scope": "account"}, follow=True, **DE)
    html = response.content.decode()
    assert "Einwilligung für 1 Foto widerrufen." in html
    assert "Ihre Fotos in Datensätzen" in html
    assert "Keines Ihrer Fotos war bisher in einem Release" in html


def test_the_tdm_policy_speaks_german(client):
    html = german_page(client, reverse("tdm_policy"))
    assert "Text- und Data-Mining, KI-Training und Biometrie" in html
    assert "<li>Aufnahme in Forschungsdatensätze</li>" in html


def test_dataset_pages_speak_german(client, admin, dataset, consenting):
    consenting()
    release = release_build(actor=admin, dataset=dataset)
    staff_login(client, admin)
    listing = german_page(client, reverse("consent_datasets"))
    assert "Forschungsdatensätze" in listing and "Datensatz anlegen" in listing
    assert "Aufnahme in Forschungsdatensätze" in listing
    page = german_page(client, reverse("consent_dataset", args=[dataset.pk]))
    assert "Release 1</a> · erstellt · 1 Foto" in page
    release_page = german_page(client, reverse("consent_release", args=[release.pk]))
    assert "Streets, Release 1" in release_page
    assert "<strong>erstellt</strong>" in release_page
    assert "An Lizenznehmer veröffentlichen" in release_page
    licensees = german_page(client, reverse("consent_licensees"))
    assert "Lizenznehmer der Datensätze" in licensees and "Kontakt-E-Mail" in licensees


def test_the_lookup_speaks_german(client, alice):
    html = german_page(client, reverse("dataset_check"))
    assert "Bin ich in einem Datensatz?" in html
    assert "Ihr Bild wird <strong>nicht gespeichert</strong>" in html
    result = client.get(reverse("dataset_check"), {"by": "username", "q": "alice"}, **DE)
    text = result.content.decode()
    assert "Ergebnisse für alice" in text
    assert "alice ist ein Konto bei Candid." in text
    assert "Kein uns bekannter Datensatz führt dies auf." in text


def test_a_depicted_request_from_a_german_visitor_is_answered_in_german(
    client, alice, upload, make_user, django_capture_on_commit_callbacks
):
    staff = make_user("mod", role="moderator")
    photo = upload(alice)
    form = german_page(client, reverse("depicted_new", args=[photo.pk]))
    assert "Ich bin auf diesem Foto" in form and "E-Mail (für die Antwort)" in form
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(
            reverse("depicted_new", args=[photo.pk]),
            {"name": "Dana", "email": "dana@example.org", "relation": "self"},
            **DE,
        )
    req = DepictedRequest.objects.get()
    assert req.language == "de"
    assert f"Aktenzeichen {req.pk}." in sent.content.decode()
    receipt = next(m for m in mail.outbox if m.to == ["dana@example.org"])
    assert receipt.subject == f"Wir haben Ihre Anfrage zu Foto {photo.pk} erhalten"
    assert receipt.body.startswith("Guten Tag Dana,")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # staff decide in English
        depicted_request_decide(actor=staff, request=req, approve=False, reasons="Not shown.")
    (outcome,) = mail.outbox
    assert outcome.subject == f"Ihre Anfrage zu Foto {photo.pk}: abgelehnt"
    assert "Ergebnis: abgelehnt." in outcome.body and "Gründe: Not shown." in outcome.body


def test_the_owner_is_told_in_their_saved_language(
    alice, upload, make_user, django_capture_on_commit_callbacks
):
    make_user("mod", role="moderator")
    alice.language = "de"
    alice.save(update_fields=["language"])
    photo = upload(alice)
    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        depicted_request_submit(  # filed from an English page
            photo=photo, name="Dana", email="dana@example.org", relation="guardian"
        )
    owner = next(m for m in mail.outbox if m.to == ["alice@example.org"])
    assert owner.subject == "Jemand gibt an, auf Ihrem Foto „A photo“ zu sein"
    assert "Sie müssen jetzt nichts tun." in owner.body
    staff = next(m for m in mail.outbox if m.to == ["mod@example.org"])
    receipt = next(m for m in mail.outbox if m.to == ["dana@example.org"])
    assert "Relation: I am the parent or guardian" in staff.body  # the instance's language
    assert receipt.body.startswith("Hello Dana,")


def test_consent_refusals_are_german_under_a_german_request(alice, bob, upload):
    photo = upload(alice)
    with translation.override("de"), pytest.raises(PermissionDenied) as refused:
        consent_withdraw(actor=bob, photos=[photo])
    assert refused.value.message == (
        "Sie können die Einwilligung nur für Ihre eigenen Fotos widerrufen."
    )
    with translation.override("de"), pytest.raises(ServiceError) as bad:
        depicted_request_submit(photo=photo, name="Dana", email="nope", relation="self")
    assert bad.value.message.startswith("Geben Sie eine E-Mail-Adresse an")

"""The consent settings pages: account toggles, per-photo overrides, history, receipts."""

import hashlib
import json
import re

from django.urls import reverse

from consent.models import AccountConsent, ConsentChange, PhotoConsent
from consent.selectors.consent import account_consents, consent_effective_for
from core.models import Event

ALL_OFF = {"ai_training": False, "genai_training": False, "biometric": False}


def test_the_page_shows_four_purposes_off_and_says_no_face_recognition(client, alice):
    client.force_login(alice)
    response = client.get(reverse("consent_settings"))
    html = response.content.decode()
    assert "Candid itself never runs face recognition on anyone's photos." in html
    for purpose in ("ai_training", "genai_training", "biometric", "research_datasets"):
        assert f'name="{purpose}"' in html
    assert "checked" not in html.split('id="consent-form"')[1].split("</form>")[0]
    assert response["Cache-Control"] == "private, no-store"


def test_saving_the_form_changes_only_what_was_ticked_and_records_it(client, alice):
    client.force_login(alice)
    response = client.post(reverse("consent_settings"), {"ai_training": "on"})
    assert response.status_code == 302
    assert account_consents(alice) == {**ALL_OFF, "ai_training": True, "research_datasets": False}
    change = ConsentChange.objects.get(user=alice)
    assert (change.purpose, change.old_value, change.new_value) == (
        "ai_training",
        "refused",
        "allowed",
    )
    assert change.changed_by == alice
    assert Event.objects.filter(kind="consent.changed", actor=alice).count() == 1


def test_the_history_lists_who_when_old_and_new(client, alice):
    client.force_login(alice)
    client.post(reverse("consent_settings"), {"biometric": "on"})
    client.post(reverse("consent_settings"), {})
    html = client.get(reverse("consent_settings")).content.decode()
    history = html.split('id="history"')[1]
    assert history.count("Biometric (face) analysis") == 2
    assert "Alice Example" in history and "Not allowed" in history and "Allowed" in history
    for change in ConsentChange.objects.filter(user=alice):
        assert reverse("consent_receipt", args=[change.pk]) in history


def test_a_receipt_downloads_as_json_whose_hash_verifies(client, alice):
    client.force_login(alice)
    client.post(reverse("consent_settings"), {"research_datasets": "on"})
    change = ConsentChange.objects.get(user=alice)
    response = client.get(reverse("consent_receipt", args=[change.pk]))
    assert response["Content-Disposition"].startswith("attachment;")
    receipt = json.loads(response.content)
    assert receipt["hash"] == change.hash and receipt["prev_hash"] == "0" * 64
    canonical = {k: receipt[k] for k in ("user_id", "photo_id", "purpose", "old", "new")}
    canonical |= {k: receipt[k] for k in ("reason", "changed_at")}
    digest = hashlib.sha256(
        receipt["prev_hash"].encode() + json.dumps(canonical, sort_keys=True).encode()
    ).hexdigest()
    assert digest == receipt["hash"]


def test_someone_elses_receipt_answers_404(client, alice, bob):
    client.force_login(alice)
    client.post(reverse("consent_settings"), {"ai_training": "on"})
    change = ConsentChange.objects.get(user=alice)
    client.force_login(bob)
    assert client.get(reverse("consent_receipt", args=[change.pk])).status_code == 404


def test_the_settings_need_a_login(client, db):
    response = client.get(reverse("consent_settings"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_owner_overrides_one_photo(client, alice, upload):
    photo, other = upload(alice), upload(alice)
    client.force_login(alice)
    choices = {
        "ai_training": "allowed",
        "genai_training": "refused",
        "biometric": "inherit",
        "research_datasets": "inherit",
    }
    response = client.post(reverse("photo_consent", args=[photo.pk]), choices)
    assert response.status_code == 302
    assert consent_effective_for(photo, "ai_training").allowed
    assert not consent_effective_for(other, "ai_training").allowed
    rows = dict(PhotoConsent.objects.filter(photo=photo).values_list("purpose", "allowed"))
    assert rows == {"ai_training": True, "genai_training": False}
    page = client.get(reverse("photo_consent", args=[photo.pk])).content.decode()
    checked = re.findall(r'name="(\w+)" value="(\w+)"[^>]*checked', page)
    assert sorted(checked) == sorted(choices.items())


def test_a_bad_photo_choice_is_refused_and_changes_nothing(client, alice, upload):
    photo = upload(alice)
    client.force_login(alice)
    response = client.post(
        reverse("photo_consent", args=[photo.pk]),
        {"ai_training": "maybe", "genai_training": "allowed"},
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not PhotoConsent.objects.exists() and not ConsentChange.objects.exists()


def test_only_the_owner_reaches_a_photos_consent_page(client, alice, bob, upload):
    photo = upload(alice, visibility="public")
    client.force_login(bob)
    get = client.get(reverse("photo_consent", args=[photo.pk]))
    post = client.post(reverse("photo_consent", args=[photo.pk]), {"ai_training": "allowed"})
    assert (get.status_code, post.status_code) == (404, 404)
    assert not PhotoConsent.objects.exists() and not AccountConsent.objects.exists()


def test_the_photo_page_links_its_owner_to_the_consent_page(client, alice, bob, upload):
    photo = upload(alice, visibility="public")
    link = reverse("photo_consent", args=[photo.pk])
    client.force_login(alice)
    assert link in client.get(reverse("photo", args=[photo.pk])).content.decode()
    client.force_login(bob)
    assert link not in client.get(reverse("photo", args=[photo.pk])).content.decode()

"""GET/PUT /api/v1/me/consent, /api/v1/photos/{id}/consent and the history with receipts."""

import pytest

from accounts.services import token_create
from consent.models import AccountConsent, ConsentChange, PhotoConsent
from consent.selectors.consent import account_consents
from consent.services.consent import consent_set
from tests.api.conftest import ApiClient

OFF = {
    "ai_training": False,
    "genai_training": False,
    "biometric": False,
    "research_datasets": False,
}


@pytest.fixture
def api(db):
    def make(user, *scopes: str) -> ApiClient:
        secret = token_create(user=user, name="t", scopes=list(scopes or ("read", "write")))[1]
        return ApiClient(secret)

    return make


def test_account_consent_defaults_to_not_allowed(api, alice):
    response = api(alice).get("/me/consent")
    assert response.status_code == 200 and response.json() == OFF


def test_put_changes_the_sent_purposes_only(api, alice):
    consent_set(user=alice, purpose="biometric", allowed=True)
    response = api(alice).put("/me/consent", {"ai_training": True})
    assert response.json() == {**OFF, "ai_training": True, "biometric": True}
    assert account_consents(alice)["ai_training"] is True


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        ({}, "Send at least one purpose"),
        ({"ai_training": "yes"}, "ai_training"),
        ({"face_scanning": True}, "face_scanning"),
    ],
)
def test_bad_account_bodies_are_refused_and_change_nothing(api, alice, body, detail):
    response = api(alice).put("/me/consent", body)
    assert response.status_code in (400, 422) and detail in response.json()["detail"]
    assert not AccountConsent.objects.exists() and not ConsentChange.objects.exists()


def test_put_needs_the_write_scope(api, alice):
    response = api(alice, "read").put("/me/consent", {"ai_training": True})
    assert response.status_code == 403 and not AccountConsent.objects.exists()


def test_anonymous_callers_get_401(db):
    assert ApiClient().get("/me/consent").status_code == 401


def test_the_owner_reads_and_overrides_a_photo(api, alice, upload):
    photo = upload(alice)
    client = api(alice)
    before = client.get(f"/photos/{photo.pk}/consent").json()
    assert before["data_mining"].endswith("/DMI-PROHIBITED")
    assert set(before["overrides"].values()) == {"inherit"}
    after = client.put(
        f"/photos/{photo.pk}/consent",
        {
            "ai_training": "allowed",
            "genai_training": "allowed",
            "biometric": "allowed",
            "research_datasets": "allowed",
        },
    ).json()
    assert after["effective"] == dict.fromkeys(OFF, True)
    assert after["data_mining"] == "http://ns.useplus.org/ldf/vocab/DMI-ALLOWED"
    back = client.put(f"/photos/{photo.pk}/consent", {"biometric": "inherit"}).json()
    assert back["overrides"]["biometric"] == "inherit" and not back["effective"]["biometric"]
    assert back["data_mining"].endswith("DMI-PROHIBITED-SEECONSTRAINT")


def test_someone_elses_photo_answers_404_and_changes_nothing(api, alice, bob, upload):
    photo = upload(alice, visibility="public")
    assert api(bob).get(f"/photos/{photo.pk}/consent").status_code == 404
    response = api(bob).put(f"/photos/{photo.pk}/consent", {"ai_training": "allowed"})
    assert response.status_code == 404 and not PhotoConsent.objects.exists()


def test_a_bad_photo_choice_is_refused(api, alice, upload):
    photo = upload(alice)
    response = api(alice).put(f"/photos/{photo.pk}/consent", {"ai_training": "sure"})
    assert response.status_code == 422 and "ai_training" in response.json()["detail"]
    assert not PhotoConsent.objects.exists()


def test_history_lists_receipts_newest_first(api, alice, upload):
    photo = upload(alice)
    client = api(alice)
    client.put("/me/consent", {"research_datasets": True})
    client.put(f"/photos/{photo.pk}/consent", {"genai_training": "refused"})
    page = client.get("/me/consent/history").json()
    newest, oldest = page["items"]
    assert (newest["photo_id"], newest["old"], newest["new"]) == (photo.pk, "inherit", "refused")
    assert (oldest["purpose"], oldest["changed_by"]) == ("research_datasets", "alice")
    assert newest["prev_hash"] == oldest["hash"]
    stored = ConsentChange.objects.get(pk=newest["id"])
    assert newest["hash"] == stored.hash


def test_the_openapi_document_lists_the_consent_operations(db, client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"get", "put"} <= set(paths["/api/v1/me/consent"])
    assert {"get", "put"} <= set(paths["/api/v1/photos/{photo_id}/consent"])
    assert "get" in paths["/api/v1/me/consent/history"]

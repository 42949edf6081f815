"""API error details speak the caller's language (issue 15): the member's saved language
for a token of theirs (as on pages), else the request's Accept-Language, else
CANDID_LANGUAGE. Validation errors, refusals and bad cursors alike."""

import pytest

from tests.api.conftest import API, ApiClient
from tests.language_reset import back_to_the_default_language  # noqa: F401

pytestmark = pytest.mark.django_db


def german(client: ApiClient) -> ApiClient:
    client.headers["Accept-Language"] = "de-DE,de;q=0.9"
    return client


def test_a_validation_error_is_german_for_a_german_client(alice, api):
    response = german(api(alice)).post("/albums", {"title": "x" * 201})
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail.startswith("Die Anfrage ist ungültig: ")
    assert "title: Höchstens 200 Zeichen erlaubt" in detail
    assert response["Content-Language"] == "de"


def test_a_bad_query_parameter_is_explained_in_german(db, api):
    response = german(api()).get("/photos", limit=1000)
    assert response.status_code == 422
    assert "limit: Der Wert darf höchstens 100 sein" in response.json()["detail"]


def test_a_permission_error_is_german_for_a_german_client(alice, api):
    response = german(api(alice, "read")).send("PUT", "/me/consent", {"ai_training": True})
    assert response.status_code == 403
    assert response.json()["detail"] == (
        "Dieses Token hat nicht den Scope „write“, den diese Anfrage braucht. "
        "Erstellen Sie ein Token mit dem Scope „write“."
    )


def test_a_service_refusal_is_german_for_a_german_client(alice, api):
    response = german(api(alice, "read", "write")).send("PUT", "/me/consent", {})
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Senden Sie mindestens einen Zweck: ")


@pytest.mark.parametrize("params", [{"cursor": "nonsense"}, {"offset": 20_000}])
def test_a_bad_cursor_is_german_for_a_german_client(db, api, params):
    response = german(api()).get("/photos", **params)
    assert response.status_code == 400
    assert "cursor" in response.json()["detail"]
    assert "ungültig" in response.json()["detail"] or "höchstens" in response.json()["detail"]


def test_a_missing_token_is_german_for_a_german_client(db):
    response = german(ApiClient()).get("/me/consent")
    assert response.status_code == 401
    assert "Zugriffstoken" in response.json()["detail"]


def test_without_accept_language_details_are_english(alice, api):
    response = api(alice).post("/albums", {"title": "x" * 201})
    assert response.json()["detail"].startswith("The request is not valid: ")
    assert (
        api()
        .get("/photos", cursor="nonsense")
        .json()["detail"]
        .startswith("The `cursor` is not valid")
    )


def test_a_token_members_saved_language_wins_like_on_pages(alice, api):
    alice.language = "de"
    alice.save(update_fields=["language"])
    client = api(alice, "read")
    client.headers["Accept-Language"] = "en"
    response = client.send("PUT", "/me/consent", {"ai_training": True})
    assert response.json()["detail"].startswith("Dieses Token hat nicht den Scope")
    assert (
        client.get("/photos", cursor="nonsense")
        .json()["detail"]
        .startswith("Der `cursor` ist für diese Liste ungültig")
    )


def test_unknown_endpoint_is_german_for_a_german_client(db):
    response = german(ApiClient()).client.get(API + "/nowhere", headers={"Accept-Language": "de"})
    assert response.status_code == 404
    assert response.json()["detail"].startswith("Unter ")

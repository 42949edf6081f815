"""The API carries `alt_text` on photos: read, upload, PATCH; bad alt text is a clear 400
and changes nothing."""

import pytest

from accounts.services import token_create
from core.models import Event
from photos.models import Photo
from tests.api.conftest import ApiClient

pytestmark = pytest.mark.django_db

ALT = "Two swans on the Landwehr canal at dusk"


def api_for(user) -> ApiClient:
    return ApiClient(token_create(user=user, name="test", scopes=["read", "write"])[1])


def test_alt_text_round_trips_through_upload_patch_and_read(alice, uploaded_file):
    api = api_for(alice)
    created = api.upload({"file": uploaded_file(), "title": "Swans", "alt_text": ALT})
    assert created.status_code == 201 and created.json()["alt_text"] == ALT
    photo_id = created.json()["id"]
    changed = api.patch(f"/photos/{photo_id}", {"alt_text": "Swans, closer"})
    assert changed.status_code == 200 and changed.json()["alt_text"] == "Swans, closer"
    assert ApiClient().get(f"/photos/{photo_id}").json()["alt_text"] == "Swans, closer"
    assert Photo.objects.get().alt_text == "Swans, closer"


def test_a_patch_without_alt_text_keeps_it(alice, upload):
    photo = upload(alice, alt_text=ALT)
    body = api_for(alice).patch(f"/photos/{photo.pk}", {"title": "New"}).json()
    assert body["alt_text"] == ALT


def test_bad_alt_text_is_a_clear_400_and_changes_nothing(alice, upload):
    photo = upload(alice, alt_text=ALT)
    api = api_for(alice)
    too_long = api.patch(f"/photos/{photo.pk}", {"alt_text": "x" * 1501})
    assert too_long.status_code == 400
    assert too_long.json()["detail"] == (
        "The alt text is limited to 1,500 characters; this one has 1,501."
    )
    control = api.patch(f"/photos/{photo.pk}", {"alt_text": "swans\x00"})
    assert control.status_code == 400
    assert "alt_text" in control.json()["detail"] and "U+0000" in control.json()["detail"]
    photo.refresh_from_db()
    assert photo.alt_text == ALT
    assert not Event.objects.filter(kind="photo.updated").exists()


def test_an_upload_with_too_long_alt_text_stores_nothing(alice, uploaded_file):
    response = api_for(alice).upload({"file": uploaded_file(), "alt_text": "x" * 1501})
    assert response.status_code == 400 and "1,500 characters" in response.json()["detail"]
    assert not Photo.objects.exists()


def test_the_openapi_document_states_the_alt_text_limit():
    document = ApiClient().get("/openapi.json").json()
    patch = document["components"]["schemas"]["PhotoPatch"]["properties"]["alt_text"]
    assert patch["maxLength"] == 1500
    assert "alt_text" in document["components"]["schemas"]["PhotoOut"]["required"]

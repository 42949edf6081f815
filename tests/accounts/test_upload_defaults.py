"""Upload defaults (issue 17, settings "Defaults"): the licence, visibility and "show
location" a member saves are the upload form's initial values and what the upload service
and the API use when the caller leaves them out; bad values are refused and change nothing."""

import re

import pytest

from accounts.upload_defaults import upload_defaults_for, upload_defaults_set
from core.errors import ServiceError
from core.models import Event
from photos.models import Photo
from tests.api.conftest import ApiClient, token  # noqa: F401

pytestmark = pytest.mark.django_db


def test_the_defaults_page_saves_the_defaults_and_logs_it(client, alice):
    client.force_login(alice)
    response = client.post(
        "/settings/defaults/",
        {"licence": "cc-by", "visibility": "followers", "show_location": "on"},
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    defaults = upload_defaults_for(alice)
    assert (defaults.licence, defaults.visibility, defaults.show_location) == (
        "cc-by",
        "followers",
        True,
    )
    assert Event.objects.filter(kind="account.upload_defaults_set", subject_id=alice.pk).exists()


def test_the_upload_form_starts_with_the_members_defaults(client, alice):
    upload_defaults_set(user=alice, licence="cc0", visibility="private", show_location=True)
    client.force_login(alice)
    html = client.get("/upload/").content.decode()
    assert '<option value="cc0" selected>' in html
    assert '<option value="private" selected>' in html
    assert re.search(r'<input type="checkbox" name="show_location"[^>]* checked', html)


def test_the_upload_service_applies_the_defaults_left_out(alice, upload):
    upload_defaults_set(user=alice, licence="cc-by-sa", visibility="followers", show_location=True)
    photo = upload(alice)
    assert (photo.licence, photo.visibility, photo.show_location) == (
        "cc-by-sa",
        "followers",
        True,
    )
    chosen = upload(alice, licence="arr", visibility="public", show_location=False)
    assert (chosen.licence, chosen.visibility, chosen.show_location) == ("arr", "public", False)


def test_an_api_upload_without_the_fields_gets_the_defaults(alice, token, uploaded_file):  # noqa: F811
    upload_defaults_set(user=alice, licence="cc0", visibility="private", show_location=False)
    response = ApiClient(token(alice)).upload({"file": uploaded_file()})
    assert response.status_code == 201, response.content
    photo = Photo.objects.get(pk=response.json()["id"])
    assert (photo.licence, photo.visibility) == ("cc0", "private")
    sent = ApiClient(token(alice)).upload({"file": uploaded_file(), "visibility": "public"})
    assert Photo.objects.get(pk=sent.json()["id"]).visibility == "public"


def test_an_unknown_default_is_refused_and_changes_nothing(client, alice):
    with pytest.raises(ServiceError):
        upload_defaults_set(user=alice, licence="gpl", visibility="public", show_location=False)
    client.force_login(alice)
    response = client.post("/settings/defaults/", {"licence": "gpl", "visibility": "public"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    alice.refresh_from_db()
    assert (alice.default_licence, alice.default_visibility) == ("arr", "public")
    assert not Event.objects.filter(kind="account.upload_defaults_set").exists()

"""Download links: owner only, 7 days; rights_upkeep deletes the archive afterwards."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.models import Event
from rights.models import DataExport
from rights.services.upkeep import rights_upkeep
from tests.api.conftest import ApiClient


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def download_url(export) -> str:
    return reverse("export_download", args=[export.token])


def test_owner_downloads_the_zip(alice, upload, exported):
    upload(alice)
    export = exported(alice)
    response = client_for(alice).get(download_url(export))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert b"".join(response.streaming_content)[:2] == b"PK"


def test_link_used_by_another_user_is_refused_and_changes_nothing(alice, bob, exported):
    export = exported(alice)
    events = Event.objects.count()
    response = client_for(bob).get(download_url(export))
    assert response.status_code == 403
    assert "belongs to another account" in response.content.decode()
    export.refresh_from_db()
    assert export.state == "ready" and Event.objects.count() == events


def test_link_after_expiry_is_refused(alice, exported):
    export = exported(alice)
    DataExport.objects.filter(pk=export.pk).update(expires_at=timezone.now() - timedelta(hours=1))
    response = client_for(alice).get(download_url(export))
    assert response.status_code == 410
    assert "expired" in response.content.decode()


def test_unknown_link_is_not_found(alice):
    response = client_for(alice).get(reverse("export_download", args=["nope" * 10]))
    assert response.status_code == 404


def test_upkeep_deletes_archives_after_seven_days_and_logs_it(
    alice, exported, media_dir, django_capture_on_commit_callbacks
):
    export = exported(alice)
    stored = media_dir / export.file
    assert rights_upkeep(now=export.expires_at - timedelta(minutes=1))["exports_expired"] == 0
    call_command("rights_upkeep")  # not yet due either
    assert stored.exists()
    with django_capture_on_commit_callbacks(execute=True):
        done = rights_upkeep(now=export.expires_at + timedelta(seconds=1))
    assert done["exports_expired"] == 1
    export.refresh_from_db()
    assert export.state == "expired" and export.file == "" and not stored.exists()
    assert Event.objects.get(kind="rights.export_expired").data == {"export_id": export.pk}
    response = client_for(alice).get(download_url(export))
    assert response.status_code == 410


def test_page_lists_exports_with_state_and_link(alice, exported):
    export = exported(alice)
    page = client_for(alice).get(reverse("your_data")).content.decode()
    assert "ready" in page and download_url(export) in page


def test_request_button_builds_an_export(alice, upload, django_capture_on_commit_callbacks):
    upload(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(alice).post(reverse("export_new"))
    assert response.status_code == 302
    assert DataExport.objects.get(user=alice).state == "ready"


@pytest.fixture
def api_for(db):
    from accounts.services import token_create

    def make(user, *scopes):
        return ApiClient(token_create(user=user, name="t", scopes=list(scopes))[1])

    return make


def test_api_export_request_list_and_download(alice, api_for, django_capture_on_commit_callbacks):
    client = api_for(alice, "read", "write")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/users/alice/exports")
    assert response.status_code == 201, response.content
    listed = client.get("/me/exports").json()["items"]
    assert listed[0]["state"] == "ready" and listed[0]["download_url"]
    download = client.client.get(listed[0]["download_url"], headers=client.headers)
    assert download.status_code == 200 and download["Content-Type"] == "application/zip"


def test_api_refuses_export_of_another_account_and_a_read_token(alice, bob, api_for):
    response = api_for(bob, "read", "write").post("/users/alice/exports")
    assert response.status_code == 403
    assert "your own account" in response.json()["detail"]
    assert api_for(alice, "read").post("/users/alice/exports").status_code == 403
    assert not DataExport.objects.exists()


def test_api_download_by_another_user_is_refused(alice, bob, api_for, exported):
    export = exported(alice)
    bob_client = api_for(bob, "read")
    response = bob_client.get(f"/exports/{export.token}/archive")
    assert response.status_code == 403
    assert response.json()["detail"] == "This download link belongs to another account."


def test_an_archive_lost_from_storage_answers_404_on_web_and_api(alice, api_for, exported):
    from django.core.files.storage import default_storage

    export = exported(alice)
    default_storage.delete(export.file)
    web = client_for(alice).get(download_url(export))
    assert web.status_code == 404
    client = api_for(alice, "read")
    api = client.client.get(f"/api/v1/exports/{export.token}/archive", headers=client.headers)
    assert api.status_code == 404 and "missing" in api.json()["detail"]

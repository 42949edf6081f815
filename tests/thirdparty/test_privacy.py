"""Third-party apps in a user's export and erasure: authorisations with scopes and the
access log are exported without secrets; erasure removes them and the tokens."""

import json

from django.utils import timezone
from oauth2_provider.models import AccessToken

from rights.registry import modules
from rights.services.exports import export_build, export_request
from tests.rights.conftest import open_archive
from thirdparty.models import AccessLogEntry, AppAuthorisation
from thirdparty.services import access_record, app_register, authorisation_record


def _authorised(alice, developer):
    app, secret = app_register(
        owner=developer,
        name="Photo Printer",
        redirect_uris="https://printer.example/cb",
        client_type="confidential",
    )
    authorisation_record(user=alice, application=app, scopes="read:own write")
    access_record(
        user_id=alice.pk,
        application=app,
        method="GET",
        operation="photo_list",
        path="/api/v1/photos",
        status=200,
    )
    AccessToken.objects.create(
        user=alice, application=app, token="t" * 40, expires=timezone.now(), scope="read:own"
    )
    return app, secret


def test_export_lists_authorised_apps_and_their_access_without_secrets(alice, make_user):
    app, secret = _authorised(alice, make_user("devon"))
    export = export_build(export_id=export_request(actor=alice, user=alice).pk)
    archive = open_archive(export)
    authorisations = json.loads(archive.read("apps/authorisations.json"))
    assert authorisations[0]["app"] == "Photo Printer"
    assert authorisations[0]["scopes"] == ["read:own", "write"]
    log = json.loads(archive.read("apps/access_log.json"))
    assert log[0]["operation"] == "photo_list"
    everything = b"".join(archive.read(name) for name in archive.namelist())
    assert secret.encode() not in everything and b"t" * 40 not in everything


def test_erasure_removes_authorisations_tokens_and_the_log(alice, make_user):
    _authorised(alice, make_user("devon"))
    privacy = next(m for m in modules() if m.__name__ == "thirdparty.privacy")
    counts = privacy.erase(alice, holds=None)
    assert counts["app_authorisations_deleted"] == 1 and counts["app_tokens_deleted"] == 1
    assert not AppAuthorisation.objects.filter(user=alice).exists()
    assert not AccessLogEntry.objects.filter(user=alice).exists()
    assert not AccessToken.objects.filter(user=alice).exists()


def test_an_app_can_neither_export_nor_delete_the_account(oauth, alice):
    from rights.models import DataExport, ErasureRequest

    api = oauth().api(alice, "read:own write")
    assert api.post(f"/users/{alice.username}/exports").status_code == 403
    assert api.post(f"/users/{alice.username}/erasure").status_code == 403
    assert api.get("/me/exports").status_code == 403
    assert not DataExport.objects.exists() and not ErasureRequest.objects.exists()

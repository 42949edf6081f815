"""The settings page: every authorised app with scopes and last use, its access log, and
revocation that ends every token at once. Plus the log's retention."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from oauth2_provider.models import AccessToken, RefreshToken

from accounts.services import token_create
from core.models import Event
from tests.api.conftest import ApiClient
from thirdparty.models import AccessLogEntry, AppAuthorisation


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_the_apps_page_lists_each_app_with_scopes_and_last_use(oauth, alice, upload):
    flow = oauth()
    app = flow.api(alice, "read:own write")
    page = signed_in(alice).get("/settings/apps/")
    assert "<td>Photo Printer</td>" in page.content.decode()
    assert "<td>never</td>" in page.content.decode()
    app.get("/me")
    authorisation = AppAuthorisation.objects.get(user=alice)
    assert authorisation.last_used_at is not None
    page = signed_in(alice).get("/settings/apps/")
    text = page.content.decode()
    assert "<li><code>read:own</code></li><li><code>write</code></li>" in text
    assert " ago</td>" in text and "<td>never</td>" not in text


@pytest.mark.django_db
def test_revoking_kills_every_token_of_the_app(oauth, alice):
    flow = oauth()
    tokens = flow.tokens(alice, "read:own")
    app = ApiClient(tokens["access_token"])
    assert app.get("/me").status_code == 200
    answer = signed_in(alice).post(f"/settings/apps/{flow.app.pk}/revoke/")
    assert answer.status_code == 302
    assert app.get("/me").status_code == 401
    assert app.get("/photos").status_code == 401
    assert not AccessToken.objects.filter(user=alice).exists()
    assert not RefreshToken.objects.filter(user=alice, revoked__isnull=True).exists()
    refresh = Client().post(
        "/oauth/token/",
        {
            "grant_type": "refresh_token",
            "refresh_token": tokens["refresh_token"],
            "client_id": flow.app.client_id,
            "client_secret": flow.secret,
        },
    )
    assert refresh.status_code in (400, 401) and not AccessToken.objects.exists()
    authorisation = AppAuthorisation.objects.get(user=alice)
    assert authorisation.revoked_at is not None
    assert Event.objects.filter(kind="app.revoked", subject_id=authorisation.pk).exists()
    assert "Photo Printer" not in signed_in(alice).get("/settings/apps/").content.decode()


@pytest.mark.django_db
def test_revoking_leaves_other_users_authorisations_alone(oauth, alice, bob):
    flow = oauth()
    bobs_app = flow.api(bob, "read:own")
    flow.token(alice, "read:own")
    signed_in(alice).post(f"/settings/apps/{flow.app.pk}/revoke/")
    assert bobs_app.get("/me").json()["username"] == "bob"


@pytest.mark.django_db
def test_nobody_can_revoke_or_read_the_log_of_someone_elses_authorisation(oauth, alice, bob):
    flow = oauth()
    app = flow.api(alice, "read:own")
    app.get("/me")
    assert signed_in(bob).post(f"/settings/apps/{flow.app.pk}/revoke/").status_code == 404
    assert signed_in(bob).get(f"/settings/apps/{flow.app.pk}/log/").status_code == 404
    assert app.get("/me").status_code == 200
    assert AppAuthorisation.objects.get(user=alice).revoked_at is None


@pytest.mark.django_db
def test_the_access_log_records_what_the_app_read_and_changed(
    oauth, alice, bob, upload, uploaded_file
):
    photo = upload(alice, title="Mine", visibility="private")
    hidden = upload(bob, title="Hidden", visibility="private")
    flow = oauth()
    app = flow.api(alice, "read:own write")
    app.get(f"/photos/{photo.pk}")
    app.patch(f"/photos/{photo.pk}", {"title": "Renamed"})
    app.get(f"/photos/{hidden.pk}")
    created = app.upload({"file": uploaded_file(), "title": "From the app"})
    assert created.status_code == 201
    rows = list(AccessLogEntry.objects.filter(user=alice).order_by("id"))
    summary = [(r.method, r.object_type, r.object_id, r.status) for r in rows]
    assert summary == [
        ("GET", "photo", str(photo.pk), 200),
        ("PATCH", "photo", str(photo.pk), 200),
        ("GET", "photo", str(hidden.pk), 404),
        ("POST", "photo", str(created.json()["id"]), 201),
    ]
    assert all(r.application_id == flow.app.pk and r.app_name == "Photo Printer" for r in rows)
    assert rows[0].operation and rows[0].path == f"/api/v1/photos/{photo.pk}"
    page = signed_in(alice).get(f"/settings/apps/{flow.app.pk}/log/")
    text = page.content.decode()
    assert f"/api/v1/photos/{hidden.pk}" in text and "404 refused" in text and "changed" in text


@pytest.mark.django_db
def test_refused_scope_requests_are_logged_too(oauth, alice):
    app = oauth().api(alice, "read:public")
    app.get("/me")
    entry = AccessLogEntry.objects.get(user=alice)
    assert entry.status == 403 and entry.path == "/api/v1/me"


@pytest.mark.django_db
def test_personal_tokens_and_anonymous_calls_are_not_in_the_app_log(alice):
    ApiClient(token_create(user=alice, name="t", scopes=["read"])[1]).get("/me")
    ApiClient().get("/photos")
    assert not AccessLogEntry.objects.exists()


@pytest.mark.django_db
def test_an_unknown_bearer_secret_is_refused_and_logs_nothing(db):
    assert ApiClient("not-a-token").get("/photos").status_code == 401
    assert not AccessLogEntry.objects.exists()


@pytest.mark.django_db
def test_prune_access_log_deletes_only_entries_past_the_retention(oauth, alice, settings):
    settings.CANDID_ACCESS_LOG_DAYS = 30
    app = oauth().api(alice, "read:own")
    app.get("/me")
    app.get("/me")
    old, recent = AccessLogEntry.objects.order_by("id")
    AccessLogEntry.objects.filter(pk=old.pk).update(at=timezone.now() - timedelta(days=31))
    AccessLogEntry.objects.filter(pk=recent.pk).update(at=timezone.now() - timedelta(days=29))
    call_command("prune_access_log")
    assert list(AccessLogEntry.objects.values_list("pk", flat=True)) == [recent.pk]
    assert Event.objects.get(kind="app.access_log_pruned").data == {"deleted": 1, "days": 30}


@pytest.mark.django_db
def test_reauthorising_after_revocation_restores_the_app(oauth, alice):
    flow = oauth()
    flow.token(alice, "read:own")
    signed_in(alice).post(f"/settings/apps/{flow.app.pk}/revoke/")
    app = flow.api(alice, "read:public")
    assert app.get("/photos").status_code == 200
    authorisation = AppAuthorisation.objects.get(user=alice)
    assert authorisation.is_active and authorisation.scopes == ["read:public"]


@pytest.mark.django_db
def test_last_use_moves_at_most_once_a_minute_while_every_request_is_logged(oauth, alice):
    app = oauth().api(alice, "read:own")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        app.get("/me")
    with time_machine.travel(start + timedelta(seconds=30), tick=False):
        app.get("/me")
    assert AppAuthorisation.objects.get(user=alice).last_used_at == start
    with time_machine.travel(start + timedelta(seconds=90), tick=False):
        app.get("/me")
    assert AppAuthorisation.objects.get(user=alice).last_used_at == start + timedelta(seconds=90)
    assert AccessLogEntry.objects.filter(user=alice).count() == 3

"""The documented limits on notices, appeals, uploads and new access tokens, each at its
default: N requests pass, the next is refused with 429, Retry-After (seconds until the
limit's window resets) and a message saying so, and the refused request stores nothing.
A web form and its API endpoint spend one budget."""

from django.conf import settings
from django.core import mail

from accounts.models import ApiToken
from moderation.models import Appeal, Notice
from photos.models import Photo
from tests.api.conftest import API, api, token  # noqa: F401
from tests.ratelimit_support import assert_refused, limit_of, limits_on  # noqa: F401
from tests.web.moderation_support import removed  # noqa: F401

ADDRESS = "203.0.113.7"
REPORTS = "Too many reports from your address"
APPEALS = "Too many appeals in a short time"
UPLOADS = "Too many uploads in a short time"
TOKENS = "Too many new access tokens in a short time"
EXPLANATION = {"explanation": "This is my own harbour photo and nobody is named in it."}


def notice_body(photo, i: int) -> dict:
    return {
        "target_type": "photo",
        "target_id": photo.pk,
        "ground": "rules",
        "rule": "harassment",
        "explanation": f"It mocks a person ({i}).",
        "notifier_name": f"Notifier {i}",
        "notifier_email": f"notifier{i}@example.org",
    }


def post_notice(client, photo, i: int):
    return client.post(
        f"{API}/notices",
        notice_body(photo, i),
        content_type="application/json",
        REMOTE_ADDR=ADDRESS,
    )


def test_notices_by_api_allow_the_rate_per_address(client, photo, limits_on):
    rate = settings.CANDID_NOTICE_RATE
    allowed, _period = limit_of(rate)
    assert [post_notice(client, photo, i).status_code for i in range(allowed)] == [201] * allowed
    refused = post_notice(client, photo, allowed)
    assert_refused(refused, ADDRESS, rate, REPORTS)
    assert Notice.objects.count() == allowed
    assert post_notice(client, photo, 0).status_code == 429  # still refused: nothing reset


def test_the_report_form_spends_the_api_budget_and_refuses_with_a_message(client, photo, limits_on):
    rate = settings.CANDID_NOTICE_RATE
    allowed, _period = limit_of(rate)
    for i in range(allowed - 1):
        assert post_notice(client, photo, i).status_code == 201
    form = {
        "target_type": "photo",
        "target_id": photo.pk,
        "ground": "rules",
        "rule": "harassment",
        "explanation": "The caption mocks my neighbour by name.",
        "name": "Eve Example",
        "email": "eve@example.org",
    }
    assert client.post("/report/", form, REMOTE_ADDR=ADDRESS).status_code == 302
    sent = len(mail.outbox)
    refused = client.post("/report/", form, REMOTE_ADDR=ADDRESS)
    assert_refused(refused, ADDRESS, rate, REPORTS)
    assert Notice.objects.count() == allowed and len(mail.outbox) == sent
    assert client.get(f"/report/?type=photo&id={photo.pk}").status_code == 200  # GETs are free


def test_appeals_allow_the_rate_per_account_web_and_api_one_budget(
    client, api, alice, removed, upload, report, decide, limits_on
):
    rate = settings.CANDID_APPEAL_RATE
    allowed, _period = limit_of(rate)
    other = decide(report(upload(alice, title="Second photo")).case)
    client.force_login(alice)
    url = f"/moderation/decisions/{removed.pk}/appeal/"
    for _ in range(allowed - 1):
        assert client.post(url, {"explanation": ""}).status_code == 400  # counted all the same
    created = api(alice).post(f"/decisions/{removed.pk}/appeals", EXPLANATION)
    assert created.status_code == 201
    refused = api(alice).post(f"/decisions/{other.pk}/appeals", EXPLANATION)
    assert_refused(refused, f"account:{alice.pk}", rate, APPEALS)
    assert "your time to appeal (six months) is not affected" in refused.json()["detail"]
    other_url = f"/moderation/decisions/{other.pk}/appeal/"
    on_the_web = client.post(other_url, EXPLANATION)
    assert_refused(on_the_web, f"account:{alice.pk}", rate, APPEALS)
    assert [a.decision_id for a in Appeal.objects.all()] == [removed.pk]
    assert client.get(other_url).status_code == 200  # the form still shows


def test_another_party_keeps_their_own_appeal_budget(client, alice, bob, removed, limits_on):
    limits_on.CANDID_APPEAL_RATE = "1/h"
    client.force_login(alice)
    url = f"/moderation/decisions/{removed.pk}/appeal/"
    assert client.post(url, {"explanation": ""}).status_code == 400
    assert client.post(url, EXPLANATION).status_code == 429
    client.force_login(bob)  # the notifier
    assert client.post(url, EXPLANATION).status_code == 302
    assert Appeal.objects.get().appellant == bob


def upload_fields(**more) -> dict:
    return {"title": "Morning", "licence": "cc-by", "visibility": "public", **more}


def test_web_uploads_allow_the_rate_per_account(client, alice, bob, uploaded_file, limits_on):
    rate = settings.CANDID_UPLOAD_RATE
    allowed, _period = limit_of(rate)
    client.force_login(alice)
    for _ in range(allowed - 1):
        assert client.post("/upload/", upload_fields()).status_code == 400  # no file: counted
    assert client.post("/upload/", upload_fields(files=uploaded_file())).status_code == 302
    refused = client.post("/upload/", upload_fields(files=uploaded_file()))
    assert_refused(refused, f"account:{alice.pk}", rate, UPLOADS)
    assert Photo.objects.count() == 1
    assert client.get("/upload/").status_code == 200  # the form still shows
    client.force_login(bob)
    assert client.post("/upload/", upload_fields(files=uploaded_file())).status_code == 302


def test_api_uploads_spend_the_web_budget(client, api, alice, uploaded_file, limits_on):
    limits_on.CANDID_UPLOAD_RATE = "2/h"
    client.force_login(alice)
    assert client.post("/upload/", upload_fields(files=uploaded_file())).status_code == 302
    assert api(alice).upload({"file": uploaded_file()}).status_code == 201
    refused = api(alice).upload({"file": uploaded_file()})
    assert_refused(refused, f"account:{alice.pk}", "2/h", UPLOADS)
    assert Photo.objects.count() == 2


def test_new_access_tokens_allow_the_rate_per_account(client, alice, limits_on):
    rate = settings.CANDID_TOKEN_RATE
    allowed, _period = limit_of(rate)
    client.force_login(alice)
    for i in range(allowed):
        made = client.post("/settings/tokens/", {"name": f"laptop {i}", "scopes": ["read"]})
        assert made.status_code == 200 and "cnd_" in made.text
    refused = client.post("/settings/tokens/", {"name": "one more", "scopes": ["read"]})
    assert_refused(refused, f"account:{alice.pk}", rate, TOKENS)
    assert "cnd_" not in refused.text
    assert ApiToken.objects.filter(user=alice).count() == allowed
    assert client.get("/settings/tokens/").status_code == 200

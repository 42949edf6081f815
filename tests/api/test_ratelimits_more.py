"""The API's "I am in this photo" endpoint is limited per client address, one budget with
the web form, and honours the trusted proxy's client-address header."""

import json

import pytest
from django.core import mail

from consent.models.lookup import DepictedRequest
from core.models import Event
from tests.api.conftest import API

DEPICTED = {"name": "V", "email": "victim@example.org", "relation": "self"}


@pytest.fixture
def depicted_limit(settings):
    settings.RATELIMIT_ENABLE = True
    settings.CANDID_DEPICTED_RATE = "2/h"
    return settings


def post_api(api, photo, address: str, **meta):
    return api().client.post(
        f"{API}/photos/{photo.pk}/depicted-requests",
        json.dumps(DEPICTED),
        content_type="application/json",
        REMOTE_ADDR=address,
        **meta,
    )


def test_a_flood_of_depicted_requests_is_refused_and_the_refused_one_stores_and_mails_nothing(
    api, alice, upload, depicted_limit, django_capture_on_commit_callbacks
):
    photo = upload(alice)
    with django_capture_on_commit_callbacks(execute=True):
        assert [post_api(api, photo, "203.0.113.7").status_code for _ in range(2)] == [201, 201]
    sent = len(mail.outbox)
    assert sent == 4  # requester and owner, twice
    with django_capture_on_commit_callbacks(execute=True):
        refused = post_api(api, photo, "203.0.113.7")
    assert refused.status_code == 429
    assert refused.json()["detail"].startswith("Too many requests from your address")
    assert DepictedRequest.objects.count() == 2 and len(mail.outbox) == sent
    assert Event.objects.filter(kind="consent.depicted_request").count() == 2
    assert post_api(api, photo, "198.51.100.1").status_code == 201


def test_web_form_and_api_share_one_budget(client, api, alice, upload, depicted_limit):
    photo = upload(alice)
    web = client.post(
        f"/photos/{photo.pk}/depicted/", {**DEPICTED, "statement": ""}, REMOTE_ADDR="203.0.113.7"
    )
    assert web.status_code == 200
    assert post_api(api, photo, "203.0.113.7").status_code == 201
    assert post_api(api, photo, "203.0.113.7").status_code == 429
    refused = client.post(
        f"/photos/{photo.pk}/depicted/", {**DEPICTED, "statement": ""}, REMOTE_ADDR="203.0.113.7"
    )
    assert refused.status_code == 429
    assert DepictedRequest.objects.count() == 2


def test_clients_behind_the_proxy_are_counted_by_the_configured_header(
    api, alice, upload, depicted_limit
):
    depicted_limit.CANDID_TRUSTED_PROXIES = ["10.1.1.1"]
    depicted_limit.CANDID_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    photo = upload(alice)
    proxy = "10.1.1.1"
    codes = [
        post_api(api, photo, proxy, HTTP_X_REAL_IP=f"203.0.113.{i}").status_code for i in range(3)
    ]
    assert codes == [201, 201, 201]
    same = [post_api(api, photo, proxy, HTTP_X_REAL_IP="198.51.100.9").status_code for _ in "abc"]
    assert same == [201, 201, 429]


def test_the_openapi_schema_documents_the_429(api, db):
    spec = api().get("/openapi.json").json()
    responses = spec["paths"][f"{API}/photos/{{photo_id}}/depicted-requests"]["post"]["responses"]
    assert "429" in responses

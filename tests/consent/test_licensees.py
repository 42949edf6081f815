# ruff: noqa: F811  (fixtures imported from releases_support)
import json

import pytest

from accounts.services import token_create
from consent.models import Licensee, ReleaseDelivery
from consent.services.licensees import licensee_add
from consent.services.releases import dataset_create, release_build
from core.errors import PermissionDenied, ServiceError
from tests.api.conftest import ApiClient
from tests.consent.releases_support import (  # noqa: F401
    admin,
    consenting,
    dataset,
    licensee_with,
    published,
)


def test_a_licensee_token_is_shown_once_and_stored_hashed(admin, dataset):
    licensee, secret = licensee_with(admin, dataset)
    assert secret.startswith("cdl_") and secret not in licensee.token_hash
    assert Licensee.objects.get().token_prefix == secret[:10]
    assert list(licensee.datasets.all()) == [dataset]


def test_only_admins_register_licensees_and_bad_input_stores_nothing(admin, bob, dataset):
    with pytest.raises(PermissionDenied):
        licensee_add(actor=bob, organisation="X", contact_email="x@example.org", terms="t")
    with pytest.raises(ServiceError, match="not an email"):
        licensee_add(actor=admin, organisation="X", contact_email="nope", terms="t")
    with pytest.raises(ServiceError, match="terms"):
        licensee_add(actor=admin, organisation="X", contact_email="x@example.org", terms=" ")
    assert not Licensee.objects.exists()


def test_a_licensee_downloads_a_manifest_as_json_lines_and_it_is_recorded(
    admin, dataset, consenting
):
    photo = consenting()
    release = published(admin, dataset)
    licensee, secret = licensee_with(admin, dataset)
    response = ApiClient(secret).get(f"/licensee/releases/{release.pk}/manifest")
    assert response.status_code == 200
    rows = [json.loads(line) for line in b"".join(response.streaming_content).splitlines()]
    assert [r["photo_id"] for r in rows] == [photo.pk]
    assert rows[0]["sha256"] == photo.sha256 and rows[0]["consent"]["allowed"]
    delivery = ReleaseDelivery.objects.get()
    assert (delivery.licensee, delivery.release, delivery.format) == (licensee, release, "jsonl")


def test_the_manifest_also_comes_as_json(admin, dataset, consenting):
    consenting()
    release = published(admin, dataset)
    _, secret = licensee_with(admin, dataset)
    body = ApiClient(secret).get(f"/licensee/releases/{release.pk}/manifest", format="json")
    assert body.json()["release"]["rows"] == 1 and len(body.json()["rows"]) == 1
    listed = ApiClient(secret).get("/licensee/releases").json()["items"]
    assert [r["id"] for r in listed] == [release.pk]


def test_unpublished_or_uncovered_releases_cannot_be_downloaded(admin, dataset, consenting):
    draft = release_build(actor=admin, dataset=dataset)
    other = dataset_create(
        actor=admin, name="Other", purpose="ai_training", commercial=True, needs_derivatives=True
    )
    uncovered = published(admin, other)
    _, secret = licensee_with(admin, dataset)
    client = ApiClient(secret)
    for release in (draft, uncovered):
        response = client.get(f"/licensee/releases/{release.pk}/manifest")
        assert response.status_code == 404 and "agreement" in response.json()["detail"]
    bad = client.get(f"/licensee/releases/{published(admin, dataset).pk}/manifest", format="xml")
    assert bad.status_code == 400 and "Unknown format" in bad.json()["detail"]
    assert not ReleaseDelivery.objects.exists()


def test_licensee_tokens_and_personal_tokens_do_not_open_each_others_endpoints(
    admin, dataset, alice
):
    _, secret = licensee_with(admin, dataset)
    _, personal = token_create(user=alice, name="t", scopes=["read"])
    assert ApiClient(personal).get("/licensee/releases").status_code == 401
    assert ApiClient(secret).get("/me/withdrawals").status_code == 401
    assert ApiClient("cdl_wrong").get("/licensee/releases").status_code == 401
    assert ApiClient().get("/licensee/releases").status_code == 401

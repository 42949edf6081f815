# ruff: noqa: F811  (fixtures imported from releases_support and tests/thirdparty)
"""Consent is changed only with the member's own credentials, never by an OAuth app; an
erased account leaves no name in frozen release rows nor in the depicted-person
requests it filed, and its export holds those requests."""

import json

import pytest

from accounts.services import token_create
from consent.models import (
    AccountConsent,
    DeletionNoticeItem,
    DepictedRequest,
    PhotoConsent,
    ReleaseItem,
)
from consent.selectors.consent import account_consents, consent_effective_for
from consent.services.consent import consent_set
from consent.services.depicted import depicted_request_decide, depicted_request_submit
from core.models import Event
from rights.services.erasure import erasure_carry_out, erasure_request
from tests.api.conftest import ApiClient
from tests.consent.releases_support import (  # noqa: F401
    PURPOSE,
    admin,
    consenting,
    dataset,
    download,
    licensee_with,
    published,
)
from tests.rights.conftest import exported, open_archive  # noqa: F401
from tests.thirdparty.conftest import developer, oauth  # noqa: F401

CONSENT_WRITES = [
    ("put", "/api/v1/me/consent"),
    ("put", "/api/v1/photos/{photo_id}/consent"),
    ("post", "/api/v1/me/consent/withdrawals"),
]


def test_an_app_with_the_write_scope_cannot_grant_consent(oauth, alice, upload):
    photo = upload(alice)
    app = oauth().api(alice, "read:own write")
    granted = app.put("/me/consent", {"ai_training": True, "biometric": True})
    assert granted.status_code == 403
    per_photo = app.put(f"/photos/{photo.pk}/consent", {"biometric": "allowed"})
    assert per_photo.status_code == 403
    assert account_consents(alice) == dict.fromkeys(account_consents(alice), False)
    assert not AccountConsent.objects.exists() and not PhotoConsent.objects.exists()
    assert not consent_effective_for(photo, "biometric").allowed


def test_an_app_cannot_withdraw_consent_either(oauth, alice, upload):
    photo = upload(alice)
    consent_set(user=alice, purpose="ai_training", allowed=True)
    app = oauth().api(alice, "read:own write")
    assert app.post("/me/consent/withdrawals", {"scope": "account"}).status_code == 403
    assert consent_effective_for(photo, "ai_training").allowed


def test_an_app_may_still_read_the_consent(oauth, alice):
    consent_set(user=alice, purpose="ai_training", allowed=True)
    app = oauth().api(alice, "read:own")
    assert app.get("/me/consent").json()["ai_training"] is True


def test_the_members_personal_token_still_changes_consent(alice, upload):
    photo = upload(alice)
    own = ApiClient(token_create(user=alice, name="mine", scopes=["read", "write"])[1])
    assert own.put("/me/consent", {"ai_training": True}).status_code == 200
    assert own.put(f"/photos/{photo.pk}/consent", {"biometric": "allowed"}).status_code == 200
    assert consent_effective_for(photo, "biometric").allowed
    assert own.post("/me/consent/withdrawals", {"scope": "account"}).status_code == 201
    assert not consent_effective_for(photo, "ai_training").allowed


@pytest.mark.parametrize(("method", "path"), CONSENT_WRITES)
def test_the_openapi_document_offers_consent_writes_to_personal_tokens_only(db, method, path):
    paths = ApiClient().get("/openapi.json").json()["paths"]
    assert paths[path][method]["security"] == [{"PersonalToken": []}]


def erase(user, capture):
    request = erasure_request(actor=user, user=user)
    with capture(execute=True):
        erasure_carry_out(request_id=request.pk, now=request.scheduled_for)


@pytest.fixture
def released(admin, dataset, consenting):
    """One of Alice's photos in a release a licensee downloaded."""
    photo = consenting(title="Alice's garden in Hamburg")
    release = published(admin, dataset)
    lab, _ = licensee_with(admin, dataset, "Vision Lab")
    download(lab, release)
    item = ReleaseItem.objects.get(photo_ref=photo.pk)
    assert "Alice Example" in item.attribution and "Hamburg" in item.attribution
    return {"photo": photo, "item": item, "lab": lab}


def test_erasure_strips_name_and_title_from_frozen_release_rows(
    alice, released, django_capture_on_commit_callbacks
):
    item = released["item"]
    erase(alice, django_capture_on_commit_callbacks)
    after = ReleaseItem.objects.get(pk=item.pk)
    assert after.attribution == f"Photo {item.photo_ref} (author's account deleted)"
    assert (after.photo_ref, after.owner_ref, after.sha256, after.pdq_hash) == (
        item.photo_ref,
        item.owner_ref,
        item.sha256,
        item.pdq_hash,
    )
    assert after.photo_id is None


def test_erasure_tells_licensees_to_delete_the_rows(
    alice, released, django_capture_on_commit_callbacks
):
    erase(alice, django_capture_on_commit_callbacks)
    (noticed,) = DeletionNoticeItem.objects.filter(licensee=released["lab"])
    assert (noticed.photo_ref, noticed.sha256) == (
        released["item"].photo_ref,
        released["item"].sha256,
    )


@pytest.fixture
def filed(alice, bob, upload, mod):
    """Alice, signed in, objects to a photo of Bob's; staff decide."""
    photo = upload(bob)
    request = depicted_request_submit(
        photo=photo,
        name="Alice Doe",
        email="alice.private@example.org",
        relation="self",
        statement="I am the woman on the left; I live at Hafenstraße 3.",
        requester=alice,
    )
    depicted_request_decide(actor=mod, request=request, approve=True, reasons="Alice Doe, shown.")
    return DepictedRequest.objects.get(pk=request.pk)


def test_erasure_blanks_the_depicted_person_requests_the_user_filed(
    alice, filed, django_capture_on_commit_callbacks
):
    erase(alice, django_capture_on_commit_callbacks)
    after = DepictedRequest.objects.get(pk=filed.pk)
    assert (after.name, after.email, after.statement, after.requester_id) == ("", "", "", None)
    assert (after.state, after.decided_at, after.photo_id) == (
        "approved",
        filed.decided_at,
        filed.photo_id,
    )
    about = Event.objects.filter(subject_type="consent.depictedrequest", subject_id=filed.pk)
    assert about.count() == 2 and all(e.private == {} for e in about)
    assert not consent_effective_for(filed.photo, PURPOSE).allowed  # the veto stands


def test_erasure_leaves_other_peoples_requests_alone(
    alice, bob, make_user, upload, filed, django_capture_on_commit_callbacks
):
    other = depicted_request_submit(
        photo=upload(make_user("carol")),
        name="Bob",
        email="bob@example.org",
        relation="self",
        statement="Me too.",
        requester=bob,
    )
    erase(alice, django_capture_on_commit_callbacks)
    kept = DepictedRequest.objects.get(pk=other.pk)
    assert (kept.name, kept.email, kept.statement, kept.requester_id) == (
        "Bob",
        "bob@example.org",
        "Me too.",
        bob.pk,
    )
    assert DepictedRequest.objects.get(pk=filed.pk).name == ""


def test_the_export_holds_the_depicted_person_requests_the_user_filed(
    alice, bob, upload, filed, exported
):
    depicted_request_submit(
        photo=upload(alice), name="Bob", email="bob@example.org", relation="self", requester=bob
    )
    archive = open_archive(exported(alice))
    (row,) = json.loads(archive.read("consent/depicted_requests.json"))
    assert (row["photo_id"], row["name"], row["email"], row["state"]) == (
        filed.photo_id,
        "Alice Doe",
        "alice.private@example.org",
        "approved",
    )
    assert row["statement"].startswith("I am the woman") and row["reasons"] == "Alice Doe, shown."
    assert "decided_by" not in row
    assert "`depicted_requests.json`" in archive.read("README.md").decode()

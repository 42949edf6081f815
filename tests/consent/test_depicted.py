"""Depicted-person requests: anyone files, owner and staff told, one-month deadline, staff
decide with reasons, approval overrides consent and propagates like a withdrawal."""

import pytest
from dateutil.relativedelta import relativedelta
from django.core import mail
from django.urls import reverse

from consent.models.lookup import DepictedRequest
from consent.selectors.consent import consent_effective_for
from consent.services import hooks as services
from consent.services.consent import consent_set
from consent.services.depicted import depicted_request_decide, depicted_request_submit
from core.errors import PermissionDenied, ServiceError
from core.models import Event
from core.states import IllegalTransition
from tests.moderation_fixtures import staff_login


@pytest.fixture
def staff(make_user):
    return make_user("mod", role="moderator")


@pytest.fixture
def hooks(monkeypatch):
    calls = []
    monkeypatch.setattr(
        services, "WITHDRAWAL_HOOKS", [lambda ids, purposes: calls.append((ids, purposes))]
    )
    return calls


def submit(photo, **kw):
    fields = dict(name="Dana", email="dana@example.org", relation="self", wants_removal=True)
    return depicted_request_submit(photo=photo, **{**fields, **kw})


@pytest.mark.django_db
def test_request_gets_one_month_deadline_and_notifies_owner_staff_requester(
    alice, upload, staff, django_capture_on_commit_callbacks
):
    photo = upload(alice)
    with django_capture_on_commit_callbacks(execute=True):
        req = submit(photo)
    assert req.state == "open"
    due = req.created_at + relativedelta(months=1)  # to the end of that day
    assert req.deadline == due.replace(hour=23, minute=59, second=59, microsecond=999999)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "alice@example.org",
        "dana@example.org",
        "mod@example.org",
    ]
    event = Event.objects.get(kind="consent.depicted_request")
    assert event.private["email"] == "dana@example.org" and "email" not in event.data


@pytest.mark.django_db
@pytest.mark.parametrize(
    "field,value,message",
    [
        ("email", "not-an-email", "email address"),
        ("relation", "cousin", "relate"),
        ("name", "  ", "name"),
    ],
)
def test_bad_request_is_refused_and_stores_nothing(alice, upload, field, value, message):
    photo = upload(alice)
    with pytest.raises(ServiceError, match=message):
        submit(photo, **{field: value})
    assert not DepictedRequest.objects.exists() and mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_approval_overrides_owner_consent_and_propagates_like_withdrawal(
    alice, upload, staff, hooks
):
    photo = upload(alice)
    consent_set(user=alice, purpose="ai_training", allowed=True)
    assert consent_effective_for(photo, "ai_training").allowed
    req = submit(photo)
    mail.outbox.clear()
    depicted_request_decide(actor=staff, request=req, approve=True, reasons="Clearly shown.")
    effective = consent_effective_for(photo, "ai_training")
    assert (effective.allowed, effective.signal) == (False, "depicted_person")
    assert hooks == [
        ([photo.pk], ["ai_training", "genai_training", "biometric", "research_datasets"])
    ]
    (outcome,) = mail.outbox
    assert outcome.to == ["dana@example.org"] and "approved" in outcome.body
    assert "Clearly shown." in outcome.body


@pytest.mark.django_db
def test_rejection_needs_reasons_staff_and_happens_once(alice, bob, upload, staff, hooks):
    photo = upload(alice)
    req = submit(photo)
    with pytest.raises(PermissionDenied):
        depicted_request_decide(actor=bob, request=req, approve=True, reasons="x")
    with pytest.raises(ServiceError, match="reasons"):
        depicted_request_decide(actor=staff, request=req, approve=False, reasons=" ")
    depicted_request_decide(actor=staff, request=req, approve=False, reasons="Not shown.")
    with pytest.raises(IllegalTransition):
        depicted_request_decide(actor=staff, request=req, approve=True, reasons="changed mind")
    req.refresh_from_db()
    assert req.state == "rejected" and hooks == []
    assert consent_effective_for(photo, "ai_training").signal != "depicted_person"


@pytest.mark.django_db
def test_web_form_and_staff_pages(client, alice, upload, staff):
    photo = upload(alice)
    page = client.get(reverse("photo", args=[photo.pk]))
    assert reverse("depicted_new", args=[photo.pk]) in page.content.decode()
    bad = client.post(
        reverse("depicted_new", args=[photo.pk]), {"name": "D", "email": "x", "relation": "self"}
    )
    assert bad.status_code == 400 and not DepictedRequest.objects.exists()
    sent = client.post(
        reverse("depicted_new", args=[photo.pk]),
        {"name": "Dana", "email": "dana@example.org", "relation": "self"},
    )
    req = DepictedRequest.objects.get()
    assert sent.status_code == 200 and f"Reference {req.pk}" in sent.content.decode()
    staff_login(client, staff)
    assert f"#{req.pk}" not in client.get(reverse("depicted_list")).content.decode()
    assert (
        reverse("depicted_detail", args=[req.pk])
        in client.get(reverse("depicted_list")).content.decode()
    )
    client.post(reverse("depicted_detail", args=[req.pk]), {"outcome": "reject", "reasons": "No."})
    req.refresh_from_db()
    assert (req.state, req.decided_by) == ("rejected", staff)


@pytest.mark.django_db
def test_api_file_publicly_and_decide_as_staff(client, alice, upload, staff):
    from accounts.services import token_create

    photo = upload(alice)
    made = client.post(
        f"/api/v1/photos/{photo.pk}/depicted-requests",
        {"name": "Dana", "email": "dana@example.org"},
        content_type="application/json",
    )
    assert made.status_code == 201 and made.json()["state"] == "open"
    req_id = made.json()["id"]
    missing = client.post(
        "/api/v1/photos/999999/depicted-requests",
        {"name": "D", "email": "d@example.org"},
        content_type="application/json",
    )
    assert missing.status_code == 404
    _, secret = token_create(user=staff, name="t", scopes=["read", "write"], second_factor=True)
    decided = client.post(
        f"/api/v1/depicted-requests/{req_id}/decision",
        {"approve": True, "reasons": "Shown."},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert decided.status_code == 200 and decided.json()["state"] == "approved"

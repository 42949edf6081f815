"""Notice intake through the API (DSA Art. 16, NetzDG): open to anyone, every bad input a
clear error that stores nothing, a flood from one address cut off. And the public rules."""

import json
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.utils import timezone

from core.models import Event
from moderation.models import Case, Notice
from moderation.services.rules import ruleset_publish
from tests.api.conftest import API

ANON = {"notifier_name": "Dana Passer", "notifier_email": "dana@example.net"}


@pytest.fixture
def photo(alice, upload):
    return upload(alice, title="Harbour at night")


def rules_notice(photo, **fields) -> dict:
    return {
        "target_type": "photo",
        "target_id": photo.pk,
        "ground": "rules",
        "rule": "harassment",
        "explanation": "The caption mocks a named neighbour again and again.",
        **fields,
    }


def illegal_notice(photo, **fields) -> dict:
    return {
        "target_url": f"{settings.SITE_URL}/photos/{photo.pk}/",
        "ground": "illegal",
        "country": "de",
        "law": "StGB §185 (insult)",
        "explanation": "The caption insults a named person in plain words.",
        "netzdg_manifest": True,
        "good_faith": True,
        **fields,
    }


def assert_nothing_stored():
    assert not Notice.objects.exists()
    assert not Case.objects.exists()
    assert not Event.objects.filter(kind__startswith="moderation.").exists()


def test_anonymous_notice_with_name_and_email_is_received(
    photo, api, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = api().post("/notices", rules_notice(photo, **ANON))
    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"reference", "ground", "received_at", "deadline_at"}
    notice = Notice.objects.get()
    assert body["reference"] == notice.reference and body["ground"] == "rules"
    assert (notice.channel, notice.notifier, notice.notifier_email) == (
        "api",
        None,
        ANON["notifier_email"],
    )
    assert notice.rule.code == "harassment" and notice.case.target_id == photo.pk
    assert notice.deadline_at - notice.received_at == timedelta(hours=72)
    assert Event.objects.filter(kind="moderation.notice_received").count() == 1
    assert [m.to for m in mail.outbox] == [[ANON["notifier_email"]]]
    assert notice.reference in mail.outbox[0].body


def test_anonymous_notice_without_name_or_valid_email_is_refused(photo, api):
    for contact in ({}, {"notifier_name": "Dana"}, {"notifier_email": "dana@example.net"}):
        response = api().post("/notices", rules_notice(photo, **contact))
        assert response.status_code == 400
        assert "name and email" in response.json()["detail"]
    response = api().post("/notices", rules_notice(photo, notifier_name="D", notifier_email="x@"))
    assert response.status_code == 400
    assert "email address does not look valid" in response.json()["detail"]
    assert_nothing_stored()


def test_signed_in_notice_by_link_under_netzdg_gets_24_hours(photo, bob, api):
    response = api(bob).post("/notices", illegal_notice(photo))
    assert response.status_code == 201
    notice = Notice.objects.get()
    assert (notice.notifier, notice.notifier_email, notice.country) == (bob, bob.email, "DE")
    assert notice.netzdg_manifest and notice.good_faith and notice.ground == "illegal"
    assert notice.deadline_at - notice.received_at == timedelta(hours=24)
    assert response.json()["deadline_at"].startswith(f"{notice.deadline_at:%Y-%m-%dT%H:%M:%S}")


def test_notices_about_one_item_join_one_case_with_earliest_deadline(photo, bob, api):
    api().post("/notices", rules_notice(photo, **ANON))
    api(bob).post("/notices", illegal_notice(photo))
    case = Case.objects.get()
    assert case.notices.count() == 2
    assert case.deadline_at == Notice.objects.get(ground="illegal").deadline_at


def test_notice_with_missing_or_empty_explanation_is_refused(photo, api):
    body = rules_notice(photo, **ANON)
    del body["explanation"]
    response = api().post("/notices", body)
    assert response.status_code == 422
    assert "explanation: Field required" in response.json()["detail"]
    for text in ("", "   ", "bad"):
        response = api().post("/notices", rules_notice(photo, explanation=text, **ANON))
        assert response.status_code == 400
        assert "Please explain" in response.json()["detail"]
    assert_nothing_stored()


def test_notice_citing_an_unknown_rule_is_refused(photo, api):
    for code in ("no-such-rule", ""):
        response = api().post("/notices", rules_notice(photo, rule=code, **ANON))
        assert response.status_code == 400
        assert response.json()["detail"] == "Unknown rule: choose one of the community rules."
    assert_nothing_stored()


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/photos/1/",
        "/explore/",
        "/photos/999999/",
        "/u/nobody-here/",
        "/photos/1/#comment-abc",
        "not a link at all",
    ],
)
def test_notice_about_a_link_that_is_not_candid_content_is_refused(photo, api, url):
    response = api().post("/notices", illegal_notice(photo, target_url=url, **ANON))
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert "Candid" in detail or "link" in detail
    assert_nothing_stored()


def test_notice_about_an_item_the_caller_cannot_see_answers_like_a_missing_one(alice, upload, api):
    private = upload(alice, visibility="private")
    missing = api().post("/notices", {**rules_notice(private, **ANON), "target_id": 999999})
    hidden = api().post("/notices", rules_notice(private, **ANON))
    assert hidden.status_code == missing.status_code == 400
    assert hidden.json() == missing.json() == {"detail": "That item does not exist on Candid."}
    assert api(alice).post("/notices", rules_notice(private)).status_code == 201


def test_notice_naming_no_item_or_two_ways_is_refused(photo, api):
    body = rules_notice(photo, **ANON)
    del body["target_type"], body["target_id"]
    response = api().post("/notices", body)
    assert response.status_code == 400 and "target_url" in response.json()["detail"]
    both = rules_notice(photo, target_url=f"/photos/{photo.pk}/", **ANON)
    response = api().post("/notices", both)
    assert response.status_code == 400 and "either" in response.json()["detail"]
    assert_nothing_stored()


def test_illegal_notice_without_country_law_or_good_faith_is_refused(photo, api):
    cases = {
        "country": ({"country": ""}, "Name the country"),
        "law": ({"law": " "}, "Name the law"),
        "good faith": ({"good_faith": False}, "good-faith statement"),
        "category": ({"category": "STATEMENT_CATEGORY_MADE_UP"}, "Unknown category"),
    }
    for change, message in cases.values():
        response = api().post("/notices", illegal_notice(photo, **change, **ANON))
        assert response.status_code == 400
        assert message in response.json()["detail"]
    response = api().post("/notices", illegal_notice(photo, ground="spam", **ANON))
    assert response.status_code == 422 and response.json()["detail"].startswith("The request")
    assert_nothing_stored()


def test_a_read_only_token_cannot_file_a_notice(photo, bob, api):
    response = api(bob, "read").post("/notices", rules_notice(photo))
    assert response.status_code == 403
    assert "“write” scope" in response.json()["detail"]
    assert_nothing_stored()


@pytest.fixture
def rate_limited(settings):
    settings.RATELIMIT_ENABLE = True
    settings.CANDID_NOTICE_RATE = "2/m"
    cache.clear()
    yield
    cache.clear()


def post_from(api, address: str, body: dict):
    return api().client.post(
        API + "/notices", json.dumps(body), content_type="application/json", REMOTE_ADDR=address
    )


def test_a_flood_of_notices_from_one_address_is_refused(photo, api, rate_limited):
    for n in range(2):
        body = rules_notice(photo, **ANON, explanation=f"Report number {n}: it mocks a person.")
        assert post_from(api, "203.0.113.7", body).status_code == 201
    refused = post_from(api, "203.0.113.7", rules_notice(photo, **ANON))
    assert refused.status_code == 429
    assert refused.json()["detail"].startswith("Too many reports from your address")
    assert Notice.objects.count() == 2
    assert Event.objects.filter(kind="moderation.notice_received").count() == 2
    assert post_from(api, "198.51.100.1", rules_notice(photo, **ANON)).status_code == 201
    assert Notice.objects.count() == 3


def test_rules_show_the_version_in_force_and_an_announced_one(db, api):
    now = timezone.now()
    ruleset_publish(
        actor=None,
        rules=[{"code": "be-kind", "title": "Be kind", "text": "Do not insult people."}],
        summary="One rule instead of many.",
        effective_at=now + timedelta(days=20),
    )
    body = api().get("/rules").json()
    assert body["version"] == 1
    assert "harassment" in [rule["code"] for rule in body["rules"]]
    assert set(body["rules"][0]) == {"code", "title", "text", "examples"}
    upcoming = body["upcoming"]
    assert (
        upcoming["version"] == 2 and upcoming["summary_of_changes"] == "One rule instead of many."
    )
    assert [rule["code"] for rule in upcoming["rules"]] == ["be-kind"]


def test_openapi_document_lists_the_moderation_paths(db, api):
    paths = api().get("/openapi.json").json()["paths"]
    for path in (
        "/notices",
        "/rules",
        "/me/statements",
        "/me/notices",
        "/decisions/{decision_id}/appeals",
        "/moderation/queue",
        "/moderation/cases/{case_id}",
        "/moderation/cases/{case_id}/decisions",
        "/moderation/decisions/{decision_id}/approve",
        "/moderation/decisions/{decision_id}/reject",
        "/moderation/appeals",
        "/moderation/appeals/{appeal_id}/decide",
        "/moderation/audit",
    ):
        assert f"/api/v1{path}" in paths
    assert {} in paths["/api/v1/notices"]["post"]["security"]


def test_a_notice_sent_twice_gives_one_notice_and_the_same_reference(photo, api):
    sent = [api().post("/notices", rules_notice(photo, **ANON)) for _ in range(2)]
    assert [r.status_code for r in sent] == [201, 201]
    assert sent[0].json()["reference"] == sent[1].json()["reference"]
    assert Notice.objects.count() == 1

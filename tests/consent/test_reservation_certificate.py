"""Reservation certificates: periods replayed from the consent history, signed, and
verifiable against the public hash chain (issue 16, "Proof that holds")."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from consent.models import Purpose
from consent.proof.verify import certificate_problems
from consent.services.certificates import certificate_issue
from consent.services.consent import consent_set

pytestmark = pytest.mark.django_db

AI = Purpose.AI_TRAINING.value


@pytest.fixture
def changed_twice(alice, upload):
    photo = upload(alice)
    consent_set(user=alice, purpose=AI, allowed=True)
    consent_set(user=alice, purpose=AI, allowed=False)
    return photo


def issue(alice, photo):
    start = photo.created_at - timedelta(days=1)
    return certificate_issue(
        owner=alice, photo=photo, start=start, end=timezone.now() + timedelta(days=1)
    )


def test_consent_changed_twice_gives_three_periods(alice, changed_twice):
    document = issue(alice, changed_twice)
    periods = document["periods"]
    assert len(periods) == 3
    assert [AI in p["refused_purposes"] for p in periods] == [True, False, True]
    assert periods[0]["signals"]["tdm-reservation"] == "1"
    assert periods[1]["signals"]["plus:DataMining"].endswith("DMI-PROHIBITED-SEECONSTRAINT")
    assert [p["from"] for p in periods[1:]] == [p["until"] for p in periods[:-1]]


def test_the_certificate_verifies_against_the_chain(alice, changed_twice):
    assert certificate_problems(issue(alice, changed_twice)) == []


def test_one_altered_byte_fails_verification(alice, changed_twice):
    raw = json.dumps(issue(alice, changed_twice))
    altered = raw.replace('"tdm-reservation": "1"', '"tdm-reservation": "0"', 1)
    assert altered != raw
    assert certificate_problems(json.loads(altered)) != []


def test_a_member_downloads_the_signed_json(client, alice, changed_twice):
    client.force_login(alice)
    response = client.post(
        "/settings/consent/certificate/",
        {"photo": changed_twice.pk, "start": "2020-01-01", "end": "2099-01-01", "output": "json"},
    )
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert certificate_problems(json.loads(response.content)) == []


def test_someone_elses_photo_is_refused_and_nothing_is_issued(client, bob, changed_twice):
    client.force_login(bob)
    response = client.post(
        "/settings/consent/certificate/",
        {"photo": changed_twice.pk, "start": "2020-01-01", "end": "2099-01-01", "output": "json"},
    )
    assert response.status_code == 400
    assert b"no photo with this number" in response.content


def test_the_check_page_tells_a_valid_from_an_altered_certificate(client, alice, changed_twice):
    raw = json.dumps(issue(alice, changed_twice)).encode()
    good = client.post("/transparency/certificates/check/", {"certificate": _file(raw)})
    assert b"This certificate verifies" in good.content
    bad = client.post(
        "/transparency/certificates/check/",
        {"certificate": _file(raw.replace(b"vocab/DMI-", b"vocab/DMJ-", 1))},
    )
    assert b"does not verify" in bad.content
    junk = client.post("/transparency/certificates/check/", {"certificate": _file(b"\xff\x00")})
    assert junk.status_code == 400 and b"not JSON" in junk.content


def test_served_files_are_versioned_and_cited(client, alice, changed_twice):
    client.get("/robots.txt")
    client.get("/robots.txt")
    document = issue(alice, changed_twice)
    robots = [f for f in document["served_files"] if f["file"] == "robots.txt"]
    assert len(robots) == 1 and robots[0]["anchor"] is not None
    assert "GPTBot" in robots[0]["crawlers_refused_for_these_urls"]
    assert certificate_problems(document) == []
    robots[0]["body"] += "\n"
    assert certificate_problems(document) != []


def _file(data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("certificate.json", data, content_type="application/json")


def test_the_consent_page_says_plainly_what_the_choice_can_do(client, alice):
    client.force_login(alice)
    english = client.get("/settings/consent/").content.decode()
    assert "Non-commercial research may legally ignore them" in english
    assert "/settings/consent/certificate/" in english
    german = client.get("/settings/consent/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Nicht kommerzielle wissenschaftliche Forschung darf ihn rechtmäßig übergehen" in german

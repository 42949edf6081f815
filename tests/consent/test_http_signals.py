"""Consent in HTTP: TDMRep headers, X-Robots-Tag, /.well-known/tdmrep.json and robots.txt."""

import urllib.robotparser

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from consent.models import CrawlerPolicy
from consent.services.consent import consent_set, photo_consent_set
from consent.signals_http import AI_CRAWLERS
from core.models import Event

EVERY = ("ai_training", "genai_training", "biometric", "research_datasets")
POLICY = "http://testserver/tdm-policy/"


def rendition(client, photo, method="get"):
    return getattr(client, method)(reverse("rendition", args=[photo.pk, "small"]))


def test_a_refused_rendition_reserves_tdm_and_says_noai(client, alice, upload):
    photo = upload(alice, visibility="public")
    response = rendition(client, photo)
    assert response["tdm-reservation"] == "1"
    assert response["tdm-policy"] == POLICY
    assert response["X-Robots-Tag"] == "noai, noimageai"


def test_one_refused_purpose_is_enough_to_reserve(client, alice, upload):
    photo = upload(alice, visibility="public")
    for purpose in EVERY:
        consent_set(user=alice, purpose=purpose, allowed=True)
    photo_consent_set(actor=alice, photo=photo, purpose="biometric", allowed=False)
    response = rendition(client, photo)
    assert (response["tdm-reservation"], response["X-Robots-Tag"]) == ("1", "noai, noimageai")


def test_an_all_allowed_rendition_overrides_the_default_reservation(client, alice, upload):
    photo = upload(alice, visibility="public")
    for purpose in EVERY:
        consent_set(user=alice, purpose=purpose, allowed=True)
    response = rendition(client, photo)
    assert response["tdm-reservation"] == "0"
    assert "X-Robots-Tag" not in response and "tdm-policy" not in response


def test_head_requests_get_the_consent_headers_without_the_body(client, alice, upload):
    photo = upload(alice, visibility="public")
    response = rendition(client, photo, "head")
    assert response.status_code == 200 and response.content == b""
    assert response["tdm-reservation"] == "1"


def test_a_private_rendition_still_answers_404_to_strangers(client, alice, upload):
    photo = upload(alice, visibility="private")
    response = rendition(client, photo)
    assert response.status_code == 404 and "tdm-reservation" not in response


def test_tdmrep_file_reserves_renditions_and_everything_else_by_default(client, db):
    response = client.get("/.well-known/tdmrep.json")
    assert response["Content-Type"] == "application/json"
    rules = response.json()
    assert rules[0] == {"location": "/r/*", "tdm-reservation": 1, "tdm-policy": POLICY}
    assert rules[-1]["location"] == "/*" and all(r["tdm-reservation"] == 1 for r in rules)


def test_the_tdm_policy_page_is_public_and_says_no_face_recognition(client, db):
    response = client.get(POLICY)
    assert response.status_code == 200
    assert "Candid itself never runs face recognition" in response.content.decode()


def robots(client) -> urllib.robotparser.RobotFileParser:
    parser = urllib.robotparser.RobotFileParser()
    parser.parse(client.get("/robots.txt").content.decode().splitlines())
    return parser


def test_robots_txt_disallows_the_ai_crawlers_by_default(client, db):
    parser = robots(client)
    assert len(AI_CRAWLERS) >= 19
    for agent in AI_CRAWLERS:
        assert not parser.can_fetch(agent, "/photos/1/"), agent
        assert not parser.can_fetch(agent, "/explore/"), agent
    assert parser.can_fetch("Googlebot", "/photos/1/")
    assert not parser.can_fetch("Googlebot", "/settings/profile/")


def test_robots_ai_allow_and_block_are_stored_and_logged(client, db, capsys):
    call_command("robots_ai", "--allow")
    allowed = robots(client)
    assert CrawlerPolicy.objects.get().block_ai_crawlers is False
    call_command("robots_ai", "--block")
    blocked = robots(client)
    assert allowed.can_fetch("GPTBot", "/explore/") and not blocked.can_fetch("GPTBot", "/explore/")
    events = Event.objects.filter(kind="consent.robots_ai").order_by("id")
    assert [e.data["new"] for e in events] == ["allow", "block"]
    assert "AI-training crawlers are blocked" in capsys.readouterr().out


def test_robots_ai_refuses_both_options_at_once_and_changes_nothing(db):
    with pytest.raises(CommandError):
        call_command("robots_ai", "--allow", "--block")
    assert not CrawlerPolicy.objects.exists()
    assert not Event.objects.filter(kind="consent.robots_ai").exists()

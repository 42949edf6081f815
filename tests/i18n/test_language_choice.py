"""Which language a page speaks: the member's saved choice, else the browser's
Accept-Language (or the visitor's cookie from the footer switcher), else CANDID_LANGUAGE."""

import re
from datetime import UTC, datetime

import pytest

pytestmark = pytest.mark.django_db


def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


def test_a_visitor_whose_browser_asks_for_german_gets_german(client):
    response = client.get("/explore/", HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9,en;q=0.5")
    assert html_lang(response) == "de"
    assert "Entdecken" in response.content.decode()
    assert response["Content-Language"] == "de"


def test_without_a_preference_the_instance_default_is_used(client, settings):
    assert html_lang(client.get("/explore/")) == "en"
    settings.LANGUAGE_CODE = "de"
    assert html_lang(client.get("/explore/")) == "de"


def test_the_footer_link_sets_a_cookie_for_a_visitor(client, settings):
    response = client.get("/language/", {"language": "de", "next": "/explore/"})
    assert response.status_code == 302 and response["Location"] == "/explore/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "de"
    page = client.get("/explore/", HTTP_ACCEPT_LANGUAGE="en")
    assert html_lang(page) == "de"


def test_the_switcher_refuses_an_unknown_language_and_a_foreign_next(client):
    assert client.get("/language/", {"language": "xx"}).status_code == 400
    response = client.get("/language/", {"language": "de", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_a_members_saved_language_beats_the_browser(client, alice):
    client.force_login(alice)
    client.post("/language/", {"language": "de", "next": "/explore/"})
    alice.refresh_from_db()
    assert alice.language == "de"
    page = client.get("/explore/", HTTP_ACCEPT_LANGUAGE="en-GB,en")
    assert html_lang(page) == "de"


def test_anonymous_page_cache_keeps_languages_apart(client, settings):
    settings.CANDID_ANON_PAGE_SECONDS = 60
    english = client.get("/explore/", HTTP_ACCEPT_LANGUAGE="en")
    german = client.get("/explore/", HTTP_ACCEPT_LANGUAGE="de")
    assert html_lang(english) == "en" and html_lang(german) == "de"


def test_profile_settings_save_language_and_time_zone(client, alice):
    client.force_login(alice)
    response = client.post(
        "/settings/profile/",
        {"display_name": "Alice", "bio": "", "language": "de", "time_zone": "Europe/Berlin"},
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert (alice.language, alice.time_zone) == ("de", "Europe/Berlin")


def test_profile_settings_refuse_an_unknown_time_zone(client, alice):
    client.force_login(alice)
    response = client.post(
        "/settings/profile/", {"display_name": "A", "bio": "", "time_zone": "Mars/Olympus"}
    )
    assert response.status_code == 400
    alice.refresh_from_db()
    assert alice.time_zone == ""


def test_times_are_shown_in_the_members_time_zone(client, alice):
    alice.time_zone = "Asia/Tokyo"
    alice.suspended_until = datetime(2030, 1, 1, 12, 0, tzinfo=UTC)
    alice.save()
    client.force_login(alice)
    page = client.get("/explore/").content.decode()
    assert "1 January 2030, 21:00 JST" in page
    german = client.get("/explore/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "1. Januar 2030, 21:00 JST" in german

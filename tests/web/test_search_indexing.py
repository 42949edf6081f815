"""The member's choice "ask search engines not to index my photos and profile": saved from
the profile settings page by its service, which logs its event and gives the member's
photos new rendition URLs (their served X-Robots-Tag changed)."""

import re

from core.models import Event
from photos.models import Photo


def test_the_default_is_indexable(alice):
    assert alice.search_noindex is False


def test_the_settings_page_saves_the_choice_and_logs_it(client, alice, upload):
    photo = upload(alice)
    client.force_login(alice)
    page = client.get("/settings/profile/").content.decode()
    assert 'name="search_noindex"' in page
    response = client.post(
        "/settings/profile/",
        {"display_name": alice.display_name, "bio": "", "search_noindex": "on"},
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.search_noindex is True
    event = Event.objects.get(kind="account.search_indexing_set")
    assert event.subject_id == alice.pk and event.data == {"noindex": True}
    assert Photo.objects.get(pk=photo.pk).rendition_version == photo.rendition_version + 1
    again = client.get("/settings/profile/").content.decode()
    assert re.search(r'<input[^>]*name="search_noindex"[^>]*checked', again)


def test_saving_the_profile_without_changing_the_choice_logs_nothing(client, alice, upload):
    photo = upload(alice)
    client.force_login(alice)
    client.post("/settings/profile/", {"display_name": alice.display_name, "bio": ""})
    assert not Event.objects.filter(kind="account.search_indexing_set").exists()
    assert Photo.objects.get(pk=photo.pk).rendition_version == photo.rendition_version


def test_turning_it_off_again_is_logged_too(client, alice):
    client.force_login(alice)
    client.post("/settings/profile/", {"display_name": "", "bio": "", "search_noindex": "on"})
    client.post("/settings/profile/", {"display_name": "", "bio": ""})
    alice.refresh_from_db()
    assert alice.search_noindex is False
    kinds = Event.objects.filter(kind="account.search_indexing_set").order_by("id")
    assert [e.data["noindex"] for e in kinds] == [True, False]


def test_the_german_settings_page_names_the_choice(client, alice):
    client.force_login(alice)
    page = client.get("/settings/profile/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Suchmaschinen bitten" in page

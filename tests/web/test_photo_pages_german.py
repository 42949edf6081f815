"""The photo side of Candid in German (issue 15): a browser that asks for German gets the
upload, photo, album, profile, explore, tag and search pages, their forms and the
services' refusals in German, with German plurals and numbers."""

import re

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from core.errors import ServiceError
from photos.services import album_create, photo_update
from social.models import Comment
from social.services import favourite_add, follow_create

pytestmark = pytest.mark.django_db

DE = {"HTTP_ACCEPT_LANGUAGE": "de"}


@pytest.fixture(autouse=True)
def back_to_the_default_language():
    """A German request leaves German active in the test's thread (LocaleMiddleware does
    not switch back); later tests in the same process expect the default."""
    yield
    translation.deactivate()


def german(client, url: str, status: int = 200) -> str:
    response = client.get(url, **DE)
    assert response.status_code == status, url
    page = response.content.decode()
    assert re.search(r'<html lang="de"', page), url
    return page


def test_the_upload_page_speaks_german(client, alice):
    client.force_login(alice)
    page = german(client, "/upload/")
    for phrase in [
        "Fotos hochladen",
        "Alternativtext",
        "Eine oder mehrere JPEG-, PNG-, WebP- oder HEIC-Dateien.",
        "Sichtbarkeit",
        "Nur Follower",
        "Alle Rechte vorbehalten",
        "Ort anzeigen",
    ]:
        assert phrase in page, phrase


def test_a_refused_upload_says_why_in_german(client, alice, uploaded_file):
    client.force_login(alice)
    response = client.post("/upload/", {"licence": "arr", "visibility": "public"}, **DE)
    assert response.status_code == 400
    assert "Wählen Sie mindestens ein Foto zum Hochladen aus." in response.content.decode()


def test_the_photo_page_speaks_german(client, alice, bob, upload):
    photo = upload(alice, title="Spree", licence="cc-by", tags="fluss")
    Comment.objects.create(photo=photo, author=bob, body="Schön")
    page = german(client, f"/photos/{photo.pk}/")
    for phrase in [
        "Lizenz",
        "Creative Commons Attribution 4.0",  # official names stay
        "Jeder darf es teilen und bearbeiten, auch kommerziell",
        "Hochgeladen",
        "640 × 480 Pixel",
        "1 Kommentar<",
        "0 Favoriten",
        "Dieses Foto melden",
        "Melden Sie sich an</a>, um zu kommentieren.",
    ]:
        assert phrase in page, phrase


def test_the_owner_sees_the_alt_text_hint_and_buttons_in_german(client, alice, upload):
    photo = upload(alice, title="Spree")
    client.force_login(alice)
    page = german(client, f"/photos/{photo.pk}/")
    assert "Dieses Foto hat keinen Alternativtext" in page
    assert "Alternativtext hinzufügen</a>" in page
    assert "Original herunterladen" in page and "Einwilligung" in page


def test_the_album_page_speaks_german(client, alice, upload):
    album = album_create(owner=alice, title="Winter", visibility="followers")
    page = german(client, f"/albums/{album.pk}/", status=404)
    client.force_login(alice)
    page = german(client, f"/albums/{album.pk}/")
    assert "Ein Album von <a" in page and "Nur Follower" in page
    assert "Dieses Album enthält keine Fotos, die Sie sehen können." in page
    assert "Album bearbeiten" in page


def test_the_profile_speaks_german_with_plural_and_grouped_counts(
    client, alice, bob, make_user, upload, django_capture_on_commit_callbacks
):
    upload(alice, title="Spree")
    follow_create(follower=bob, followee=alice)
    page = german(client, "/u/alice/")
    assert "<strong>1</strong> Follower" in page and "folgt <strong>0</strong>" in page
    assert "Dieses Profil melden" in page and ">Fotos</h2>" in page
    with django_capture_on_commit_callbacks(execute=True):  # the visitor's page cache moves on
        for i in range(2):
            follow_create(follower=make_user(f"fan{i}"), followee=alice)
    assert "<strong>3</strong> Follower" in german(client, "/u/alice/")
    with translation.override("de"):
        info = render_to_string(
            "profiles/_info.html",
            {
                "member": alice,
                "counts": {"followers": 12345, "following": 1},
                "photo_count": 2345,
            },
        )
    assert "<strong>12.345</strong> Follower" in info and "folgt <strong>1</strong>" in info
    assert "<strong>2.345</strong> Fotos" in info


def test_explore_tag_and_search_speak_german(client, alice, upload):
    assert "Noch keine öffentlichen Fotos." in german(client, "/explore/")
    upload(alice, title="Nebel", tags="nebel")
    explore = german(client, "/explore/")
    assert "Neue öffentliche Fotos von allen auf Candid." in explore
    assert "Keine Fotos mit diesem Schlagwort." in german(client, "/tags/regen/")
    search = german(client, "/search/?q=zzzz")
    assert "Suchergebnisse für „zzzz“" in search
    assert "Keine Fotos passen zu Ihrer Suche." in search
    found = german(client, "/search/?q=nebel")
    assert 'href="/tags/nebel/"' in found and "Schlagwörter" in found
    assert "Nebel" in german(client, "/tags/nebel/")


def test_a_photo_service_refusal_reads_in_german(alice, upload):
    photo = upload(alice)
    with translation.override("de"), pytest.raises(ServiceError) as refused:
        photo_update(
            actor=alice,
            photo=photo,
            title="",
            description="",
            tags="",
            licence="gpl",
            visibility="public",
            show_location=False,
        )
    assert refused.value.message.startswith("Unbekannte Lizenz „gpl“. Wählen Sie eine von: arr,")


def test_a_refused_comment_reads_in_german_on_the_page(client, alice, bob, upload):
    photo = upload(alice)
    client.force_login(bob)
    response = client.post(f"/photos/{photo.pk}/comments/", {"body": "   "}, **DE)
    assert response.status_code == 400
    assert "Dieses Feld ist zwingend erforderlich." in response.content.decode()


def test_the_alt_text_limit_is_refused_in_german_with_german_numbers(alice, upload):
    photo = upload(alice)
    with translation.override("de"), pytest.raises(ServiceError) as refused:
        photo_update(
            actor=alice,
            photo=photo,
            title="",
            description="",
            tags="",
            licence="arr",
            visibility="public",
            show_location=False,
            alt_text="x" * 2000,
        )
    assert refused.value.message == (
        "Der Alternativtext darf höchstens 1.500 Zeichen lang sein; dieser hat 2.000."
    )


def test_favourite_counts_use_german_plurals(
    client, alice, make_user, upload, django_capture_on_commit_callbacks
):
    photo = upload(alice)
    fans = [make_user(f"fan{i}") for i in range(2)]
    favourite_add(user=fans[0], photo_id=photo.pk)
    assert "1 Favorit<" in german(client, f"/photos/{photo.pk}/")
    with django_capture_on_commit_callbacks(execute=True):
        favourite_add(user=fans[1], photo_id=photo.pk)
    assert "2 Favoriten<" in german(client, f"/photos/{photo.pk}/")
    english = client.get(f"/photos/{photo.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "2 favourites<" in english


def test_a_german_and_an_english_viewer_each_get_their_own_grid(
    client, alice, bob, make_user, upload
):
    """Signed-in viewers share one cached explore grid (web/grid_cache.py); its key holds
    the language, so the German member does not get the English member's cards."""
    upload(alice, title="")
    client.force_login(bob)
    english = client.get("/explore/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<span class="caption-title">Untitled</span>' in english
    client.force_login(make_user("greta", language="de"))
    deutsch = client.get("/explore/").content.decode()
    assert '<html lang="de"' in deutsch
    assert '<span class="caption-title">Ohne Titel</span>' in deutsch
    assert "Untitled" not in deutsch
    client.force_login(bob)
    again = client.get("/explore/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Ohne Titel" not in again and "Untitled" in again


def test_a_followers_only_badge_reads_in_each_viewers_language(client, alice, upload):
    upload(alice, title="Spree", visibility="followers")
    client.force_login(alice)
    de_grid = german(client, "/u/alice/")
    en_grid = client.get("/u/alice/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<span class="badge">Nur Follower</span>' in de_grid
    assert '<span class="badge">Followers only</span>' in en_grid
    assert "Nur Follower" not in en_grid


def test_a_file_that_is_not_an_image_is_refused_in_german(client, alice, uploaded_file):
    client.force_login(alice)
    files = [uploaded_file(b"GIF89a not really", name="bad.gif")]
    fields = {"licence": "arr", "visibility": "public", "files": files}
    response = client.post("/upload/", fields, **DE)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Es wurde nichts hochgeladen" in page
    assert "<strong>bad.gif</strong>: Diese Datei ist kein Bild." in page


def test_the_edit_and_describe_pages_speak_german(client, alice, upload):
    photo = upload(alice, title="Spree")
    client.force_login(alice)
    edit = german(client, f"/photos/{photo.pk}/edit/")
    for phrase in ["„Spree“ bearbeiten", "Titel", "Alternativtext", "Beschreibung", "Lizenz"]:
        assert phrase in edit, phrase
    assert "Änderungen speichern" in edit
    describe = german(client, f"/upload/describe/?photos={photo.pk}")
    assert "Beschreiben Sie Ihre Fotos" in describe
    assert "Alternativtext für „Spree“" in describe

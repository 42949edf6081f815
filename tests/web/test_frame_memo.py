"""The page frame's header and footer are rendered once per process and language for each
viewer (web/templatetags/frame_memo.py), yet never show one viewer another's name, role,
language or CSRF token, and a change shows at once."""

import re

import pytest
from django.templatetags.i18n import TranslateNode
from django.test import Client
from django.test.utils import override_script_prefix
from django.urls import reverse

from accounts.services import profile_update
from social.services import favourite_add
from tests.moderation_fixtures import staff_login

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def translations_rendered(client, url: str, monkeypatch) -> int:
    """`{% translate %}` tags rendered during one request (Django's node, counted)."""
    rendered = []
    original = TranslateNode.render
    monkeypatch.setattr(
        TranslateNode, "render", lambda node, context: rendered.append(1) or original(node, context)
    )
    assert client.get(url).status_code == 200
    monkeypatch.undo()
    return len(rendered)


def test_a_warm_frame_renders_none_of_its_translations_again(client, alice, monkeypatch):
    """The frame's thirty-odd translated words were rendered on every page."""
    client.force_login(alice)
    cold = translations_rendered(client, "/explore/", monkeypatch)
    warm = translations_rendered(client, "/explore/", monkeypatch)
    assert warm < cold - 20
    assert warm == translations_rendered(client, "/explore/", monkeypatch)


def test_each_request_gets_its_own_csrf_token_and_it_works(alice, bob):
    pages = {}
    for user in (alice, bob, alice):
        client = Client(enforce_csrf_checks=True)
        client.force_login(user)
        html = client.get("/explore/").content.decode()
        pages.setdefault(user.username, []).append((client, TOKEN.findall(html)))
    (first, first_tokens), (second, second_tokens) = pages["alice"]
    assert first_tokens and second_tokens and first_tokens[0] != second_tokens[0]
    _, bob_tokens = pages["bob"][0]
    assert bob_tokens[0] not in (first_tokens[0], second_tokens[0])
    # the logout form's token is the request's own: posting it signs this client out
    response = second.post("/accounts/logout/", {"csrfmiddlewaretoken": second_tokens[0]})
    assert response.status_code == 302
    assert "_auth_user_id" not in second.session


def test_each_viewer_sees_their_own_name_and_a_rename_at_once(client, alice, bob):
    client.force_login(alice)
    assert "<span>Alice Example</span>" in client.get("/explore/").content.decode()
    client.force_login(bob)
    html = client.get("/explore/").content.decode()
    assert "Alice Example" not in html and 'href="/u/bob/"' in html
    profile_update(user=bob, display_name="Bob Renamed", bio="")
    assert "<span>Bob Renamed</span>" in client.get("/explore/").content.decode()


def test_the_language_is_part_of_the_key(client, alice):
    client.force_login(alice)
    assert "Skip to content" in client.get("/explore/").content.decode()
    german = client.get("/explore/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Skip to content" not in german and 'lang="de"' in german


def test_a_member_after_staff_sees_no_staff_links(client, alice, make_user):
    staff_login(client, make_user("mia", role="moderator"))
    staff = client.get("/explore/").content.decode()
    assert 'href="/moderation/"' in staff and 'href="/legal/compliance/"' in staff
    client.force_login(alice)
    member = client.get("/explore/").content.decode()
    assert 'href="/moderation/"' not in member and "/legal/compliance/" not in member


@pytest.mark.parametrize("prefix", ["", "/candid/"])
def test_the_script_prefix_is_part_of_the_key(client, alice, prefix):
    client.force_login(alice)
    client.get("/explore/")
    with override_script_prefix(prefix or "/"):
        html = client.get("/explore/").content.decode()
    assert f'href="{prefix or "/"}explore/"'.replace("//", "/") in html


def test_the_photo_pages_memoized_report_links_and_count_are_each_photos_own(
    client, alice, bob, make_user, upload
):
    first, second = upload(alice, title="first"), upload(alice, title="second")
    client.force_login(bob)
    for photo in (first, second):
        html = client.get(f"/photos/{photo.pk}/").content.decode()
        assert f"type=photo&amp;id={photo.pk}" in html
        assert reverse("depicted_new", args=[photo.pk]) in html
        assert "0 favourites" in html
    favourite_add(user=make_user("carol"), photo_id=first.pk)
    assert "1 favourite<" in client.get(f"/photos/{first.pk}/").content.decode()
    assert "0 favourites" in client.get(f"/photos/{second.pk}/").content.decode()

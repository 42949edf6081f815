"""The web refuses a control character in an address or a form with 400 naming the field,
and stores nothing, on SQLite and PostgreSQL alike (PostgreSQL used to answer 500 for a
NUL in a search, a tag page or a member's address). Issue 13, defects 4 and 9."""

import pytest

from moderation.models import Appeal, Notice
from photos.models import Album
from social.models import Comment

NUL = "\x00"


@pytest.mark.parametrize(
    ("url", "named"),
    [
        ("/search/?q=harbour%00", "q"),
        ("/search/?q=a&page=1%01", "page"),
        ("/tags/sea%00/", "address"),
        ("/u/al%00ice/", "address"),
        ("/u/al%1Bice/favourites/", "address"),
    ],
)
def test_an_address_with_a_control_character_answers_400_naming_it(client, alice, url, named):
    response = client.get(url)
    assert response.status_code == 400
    assert f"{named}: Contains the control character U+00" in response.text


def test_profile_fields_with_control_characters_change_nothing(client, alice):
    client.force_login(alice)
    for field, value in (("display_name", f"Al{NUL}"), ("bio", "line\x0bbreak")):
        data = {"display_name": "Alice", "bio": "", field: value}
        response = client.post("/settings/profile/", data)
        assert response.status_code == 400
        assert response.context["form"].errors[field]
    alice.refresh_from_db()
    assert (alice.display_name, alice.bio) == ("Alice Example", "")


def test_a_display_name_of_zero_width_characters_is_refused(client, alice):
    client.force_login(alice)
    response = client.post("/settings/profile/", {"display_name": "\u200b\u200d", "bio": ""})
    assert response.status_code == 400
    assert "invisible" in response.context["form"].errors["display_name"][0]
    alice.refresh_from_db()
    assert alice.display_name == "Alice Example"


def test_album_form_refuses_a_control_character_and_an_invisible_title(client, alice):
    client.force_login(alice)
    for title in ("Trip\x01", "\u2060\u200b"):
        response = client.post("/albums/new/", {"title": title, "visibility": "public"})
        assert response.status_code == 400 and response.context["form"].errors["title"]
    assert not Album.objects.exists()


def test_comment_form_refuses_a_control_character(client, bob, photo):
    client.force_login(bob)
    response = client.post(f"/photos/{photo.pk}/comments/", {"body": "nice\x1b[31m"})
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_report_form_refuses_a_control_character(client, photo):
    data = {
        "target_type": "photo",
        "target_id": photo.pk,
        "ground": "rules",
        "rule": "harassment",
        "explanation": "The caption mocks my neighbour\x1b[8m by name.",
        "name": "Eve Example",
        "email": "eve@example.org",
    }
    response = client.post("/report/", data)
    assert response.status_code == 400
    assert response.context["form"].errors["explanation"]
    assert not Notice.objects.exists()


def test_an_appeal_token_posted_with_a_control_character_is_refused(client, removed):
    url = f"/moderation/decisions/{removed.pk}/appeal/"
    data = {"explanation": "The photo shows a public event.", "token": "guess\x00"}
    response = client.post(url, data)
    assert response.status_code == 400
    assert "token: Contains the control character U+0000" in response.text
    assert not Appeal.objects.exists()

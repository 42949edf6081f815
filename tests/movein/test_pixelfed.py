"""Moving in from Pixelfed: its export holds no images, so each post with images is
listed with its address (skipped, and as a link); nothing is fetched."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from photos.models import Photo
from rights.models import ImportLink, ImportProblem, ImportRun

pytestmark = pytest.mark.django_db(transaction=True)

SERVER = "https://pixelfed.example"
PUBLIC = "https://www.w3.org/ns/activitystreams#Public"


def note(number: int, *, to=None, images=1) -> dict:
    return {
        "id": f"{SERVER}/p/anna/{number}",
        "type": "Note",
        "summary": None,
        "content": f'<p>Post {number} <a href="{SERVER}/discover/tags/film" '
        'class="u-url hashtag" rel="tag">#film</a></p>',
        "inReplyTo": None,
        "published": "2022-02-02T12:00:00+00:00",
        "url": f"{SERVER}/p/anna/{number}",
        "attributedTo": f"{SERVER}/users/anna",
        "to": to or [PUBLIC],
        "cc": [f"{SERVER}/users/anna/followers"],
        "sensitive": False,
        "attachment": [
            {
                "type": "Image",
                "mediaType": "image/jpeg",
                "url": f"{SERVER}/storage/m/_v2/1/abc/{number}-{i}.jpg",
                "name": None,
                "blurhash": None,
            }
            for i in range(images)
        ],
        "tag": [{"type": "Hashtag", "href": f"{SERVER}/discover/tags/film", "name": "#film"}],
    }


@pytest.fixture
def export(tmp_path):
    folder = tmp_path / "pixelfed"
    folder.mkdir()
    account = {
        "id": "4711",
        "username": "anna",
        "acct": "anna",
        "display_name": "Anna K.",
        "note": "Film photos",
        "url": f"{SERVER}/anna",
    }
    outbox = {"data": [note(1, images=2), note(2), note(3, to=["https://other.example/bob"])]}
    (folder / "account.json").write_text(json.dumps(account))
    (folder / "outbox.json").write_text(json.dumps(outbox))
    return folder


def test_posts_are_listed_with_their_addresses_and_nothing_fetched(export, make_user):
    make_user("anna")
    call_command("import_move_in", "anna", str(export), stdout=StringIO())

    run = ImportRun.objects.get()
    assert (run.source, run.state, run.skipped) == ("pixelfed", "completed", 3)
    assert not Photo.objects.exists()
    reasons = {p.name: p.reason for p in ImportProblem.objects.all()}
    assert "hold no images" in reasons[f"{SERVER}/p/anna/1"]
    assert "direct message" in reasons[f"{SERVER}/p/anna/3"]
    links = set(ImportLink.objects.values_list("kind", "url"))
    assert links == {("post", f"{SERVER}/p/anna/1"), ("post", f"{SERVER}/p/anna/2")}


def test_the_json_files_move_in_through_the_page(export, make_user, client):
    anna = make_user("anna")
    client.force_login(anna)
    with open(export / "outbox.json", "rb") as outbox, open(export / "account.json", "rb") as acc:
        response = client.post(reverse("move_in"), {"zips": [outbox, acc]})
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert ImportRun.objects.get().source == "pixelfed"
    page = client.get(reverse("move_in")).content.decode()
    assert f'href="{SERVER}/p/anna/2"' in page and "Post:" in page

"""The organiser page (/organise/): tick many of your photos and change them in one step;
someone else's photo in the batch refuses all of it; the list is keyset-paged."""

import pytest

from photos.models import AlbumPhoto, Photo, Visibility
from photos.services import album_create
from web.views import organiser

pytestmark = pytest.mark.django_db


@pytest.fixture
def mine(alice, upload):
    return [upload(alice, title=f"Mine {i}") for i in range(3)]


def post(client, data, url="/organise/"):
    return client.post(url, {"scope": "selected", **data})


def test_the_page_lists_only_your_photos_with_checkboxes(client, alice, bob, mine, upload):
    upload(bob, title="Not hers")
    client.force_login(alice)
    page = client.get("/organise/").content.decode()
    for photo in mine:
        assert f'name="photo" value="{photo.pk}"' in page
    assert "Not hers" not in page


def test_ticked_photos_get_tags_licence_and_visibility(client, alice, mine):
    client.force_login(alice)
    chosen = [mine[0].pk, mine[2].pk]
    assert post(client, {"photo": chosen, "action": "tags_add", "tags": "fog"}).status_code == 302
    post(client, {"photo": chosen, "action": "licence", "licence": "cc0"})
    response = post(client, {"photo": chosen, "action": "visibility", "visibility": "private"})
    assert response.status_code == 302
    for photo in mine:
        photo.refresh_from_db()
    assert [list(p.tags.values_list("name", flat=True)) for p in mine] == [["fog"], [], ["fog"]]
    assert [p.licence for p in mine] == ["cc0", "arr", "cc0"]
    assert [p.visibility for p in mine] == ["private", "public", "private"]
    assert "2 photos changed." in client.get(response.url).content.decode()


def test_a_foreign_photo_in_the_batch_changes_nothing(client, alice, bob, mine, upload):
    theirs = upload(bob, title="Bob's")
    client.force_login(alice)
    response = post(
        client,
        {"photo": [mine[0].pk, theirs.pk], "action": "visibility", "visibility": "private"},
    )
    assert response.status_code == 400
    assert "1 of the chosen photos is not yours or no longer exists" in response.content.decode()
    assert not Photo.objects.filter(visibility=Visibility.PRIVATE).exists()


def test_deleting_needs_the_confirmation(client, alice, mine):
    client.force_login(alice)
    refused = post(client, {"photo": [mine[0].pk], "action": "delete"})
    assert refused.status_code == 400
    assert "Tick the box to confirm" in refused.content.decode()
    assert Photo.objects.count() == 3
    done = post(client, {"photo": [mine[0].pk], "action": "delete", "confirm_delete": "on"})
    assert done.status_code == 302
    assert Photo.objects.count() == 2


def test_all_photos_of_one_album_are_added_to_another(client, alice, mine):
    trip, best = album_create(owner=alice, title="Trip"), album_create(owner=alice, title="Best")
    AlbumPhoto.objects.create(album=trip, photo=mine[1], position=0)
    client.force_login(alice)
    page = client.get(f"/organise/?album={trip.pk}").content.decode()
    assert f'name="photo" value="{mine[1].pk}"' in page
    assert f'name="photo" value="{mine[0].pk}"' not in page
    response = client.post(
        f"/organise/?album={trip.pk}", {"scope": "all", "action": "album", "album": best.pk}
    )
    assert response.status_code == 302
    assert list(AlbumPhoto.objects.filter(album=best).values_list("photo_id", flat=True)) == [
        mine[1].pk
    ]


def test_someone_elses_album_is_not_offered_nor_shown(client, alice, bob, mine):
    theirs = album_create(owner=bob, title="Bob's album")
    client.force_login(alice)
    assert client.get(f"/organise/?album={theirs.pk}").status_code == 404
    response = post(client, {"photo": [mine[0].pk], "action": "album", "album": theirs.pk})
    assert response.status_code == 400
    assert not AlbumPhoto.objects.exists()


def test_nothing_ticked_says_so(client, alice, mine):
    client.force_login(alice)
    response = post(client, {"action": "licence", "licence": "cc0"})
    assert response.status_code == 400
    assert "Tick at least one photo" in response.content.decode()


def test_the_list_is_keyset_paged(client, alice, mine, monkeypatch):
    monkeypatch.setattr(organiser, "PER_PAGE", 2)
    client.force_login(alice)
    first = client.get("/organise/").content.decode()
    assert "cursor=" in first and f'name="photo" value="{mine[0].pk}"' not in first
    older = first.split('rel="next"')[0].rsplit('href="', 1)[1].split('"')[0]
    second = client.get("/organise/" + older.replace("&amp;", "&")).content.decode()
    assert f'name="photo" value="{mine[0].pk}"' in second


def test_the_organiser_needs_a_login(client, db):
    response = client.get("/organise/")
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_the_organiser_in_german(client, alice, mine):
    client.force_login(alice)
    page = client.get("/organise/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Ihre Fotos ordnen" in page and "Tags hinzufügen" in page

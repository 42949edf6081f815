"""Albums: list, detail with ordered photos, create, edit, set photos, delete."""

from core.models import Event
from photos.models import Album, AlbumPhoto, Photo
from photos.services import album_create, album_set_photos


def test_create_album_answers_201(alice, api):
    response = api(alice).post("/albums", {"title": "Trip", "description": "Coast"})
    assert response.status_code == 201
    body = response.json()
    album = Album.objects.get(pk=body["id"])
    assert (album.owner, album.title, album.visibility) == (alice, "Trip", "public")
    assert body["photo_ids"] == [] and body["owner"]["username"] == "alice"
    assert Event.objects.filter(kind="album.created", subject_id=album.pk).exists()


def test_create_album_with_blank_title_is_refused(alice, api):
    for title in ("", "   "):
        response = api(alice).post("/albums", {"title": title})
        assert response.status_code in (400, 422)
        assert response.json()["detail"]
    assert not Album.objects.exists()


def test_album_list_filters_by_user(alice, bob, api):
    mine = album_create(owner=alice, title="Mine")
    album_create(owner=bob, title="Theirs")
    assert len(api().get("/albums").json()["items"]) == 2
    items = api().get("/albums", user="alice").json()["items"]
    assert [item["id"] for item in items] == [mine.pk]


def test_set_photos_keeps_the_order_given(alice, api, upload):
    a, b, c = (upload(alice, title=t) for t in "abc")
    album = album_create(owner=alice, title="Ordered")
    response = api(alice).put(f"/albums/{album.pk}/photos", {"photo_ids": [c.pk, a.pk, b.pk]})
    assert response.status_code == 200
    assert response.json()["photo_ids"] == [c.pk, a.pk, b.pk]
    assert api().get(f"/albums/{album.pk}").json()["photo_ids"] == [c.pk, a.pk, b.pk]


def test_set_photos_refuses_someone_elses_photo(alice, bob, api, upload):
    theirs = upload(bob)
    album = album_create(owner=alice, title="Mine")
    response = api(alice).put(f"/albums/{album.pk}/photos", {"photo_ids": [theirs.pk]})
    assert response.status_code == 403
    assert response.json()["detail"] == "Only your own photos can go in your album."
    assert not AlbumPhoto.objects.exists()


def test_set_photos_refuses_duplicates(alice, api, upload):
    photo = upload(alice)
    album = album_create(owner=alice, title="Mine")
    response = api(alice).put(f"/albums/{album.pk}/photos", {"photo_ids": [photo.pk, photo.pk]})
    assert response.status_code == 400
    assert "only once" in response.json()["detail"]
    assert not AlbumPhoto.objects.exists()


def test_patch_album_changes_only_fields_sent(alice, api):
    album = album_create(owner=alice, title="Old", description="Kept")
    body = api(alice).patch(f"/albums/{album.pk}", {"title": "New"}).json()
    assert (body["title"], body["description"], body["visibility"]) == ("New", "Kept", "public")
    album.refresh_from_db()
    assert album.title == "New"


def test_delete_album_keeps_its_photos(alice, api, upload):
    photo = upload(alice)
    album = album_create(owner=alice, title="Gone soon")
    album_set_photos(actor=alice, album=album, photo_ids=[photo.pk])
    response = api(alice).delete(f"/albums/{album.pk}")
    assert response.status_code == 204
    assert not Album.objects.exists()
    assert Photo.objects.filter(pk=photo.pk).exists()


def test_other_user_cannot_change_or_delete_an_album(alice, bob, api, upload):
    photo = upload(bob)
    album = album_create(owner=alice, title="Alice's")
    bob_api = api(bob)
    attempts = [
        bob_api.patch(f"/albums/{album.pk}", {"title": "Bob's"}),
        bob_api.put(f"/albums/{album.pk}/photos", {"photo_ids": [photo.pk]}),
        bob_api.delete(f"/albums/{album.pk}"),
    ]
    for response in attempts:
        assert response.status_code in (403, 404)
        assert response.json()["detail"]
    album.refresh_from_db()
    assert album.title == "Alice's" and not album.entries.exists()


def test_other_user_gets_404_on_a_private_album(alice, bob, api):
    album = album_create(owner=alice, title="Secret", visibility="private")
    for response in (
        api(bob).get(f"/albums/{album.pk}"),
        api(bob).patch(f"/albums/{album.pk}", {"title": "x"}),
        api(bob).delete(f"/albums/{album.pk}"),
    ):
        assert response.status_code == 404
        assert response.json()["detail"] == "No such album."
    assert Album.objects.get(pk=album.pk).title == "Secret"

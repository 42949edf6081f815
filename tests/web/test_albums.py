from core.models import Event
from photos.models import Album, AlbumPhoto, Photo


def test_creating_an_album_then_choosing_photos_in_order(client, alice, many_photos):
    first, second, third = many_photos(alice, 3)
    client.force_login(alice)
    response = client.post(
        "/albums/new/", {"title": "Winter", "description": "", "visibility": "public"}
    )
    album = Album.objects.get()
    assert response.status_code == 302 and response.url == f"/albums/{album.pk}/edit/"
    edit = client.get(response.url).content.decode()
    assert f'name="in_{first.pk}"' in edit and f'for="id_pos_{first.pk}"' in edit
    response = client.post(
        f"/albums/{album.pk}/edit/",
        {
            "title": "Winter light",
            "description": "Cold days",
            "visibility": "public",
            f"in_{first.pk}": "on",
            f"pos_{first.pk}": "2",
            f"in_{third.pk}": "on",
            f"pos_{third.pk}": "1",
            f"in_{second.pk}": "on",
        },
    )
    assert response.status_code == 302
    album.refresh_from_db()
    assert album.title == "Winter light"
    order = list(AlbumPhoto.objects.filter(album=album).values_list("photo_id", flat=True))
    assert order == [third.pk, first.pk, second.pk]
    page = client.get(f"/albums/{album.pk}/").content.decode()
    assert (
        page.index(f"/photos/{third.pk}/")
        < page.index(f"/photos/{first.pk}/")
        < (page.index(f"/photos/{second.pk}/"))
    )
    assert Event.objects.filter(kind="album.photos_set").count() == 1


def test_album_edit_lists_only_the_owners_photos_and_ignores_others(
    client, alice, bob, many_photos
):
    (mine,) = many_photos(alice, 1)
    (theirs,) = many_photos(bob, 1)
    client.force_login(alice)
    client.post("/albums/new/", {"title": "A", "visibility": "public"})
    album = Album.objects.get()
    assert f"in_{theirs.pk}" not in client.get(f"/albums/{album.pk}/edit/").content.decode()
    client.post(
        f"/albums/{album.pk}/edit/",
        {"title": "A", "visibility": "public", f"in_{theirs.pk}": "on", f"in_{mine.pk}": "on"},
    )
    assert list(album.entries.values_list("photo_id", flat=True)) == [mine.pk]


def test_a_malformed_album_form_changes_nothing(client, alice, many_photos):
    (photo,) = many_photos(alice, 1)
    client.force_login(alice)
    assert client.post("/albums/new/", {"title": "", "visibility": "public"}).status_code == 400
    assert client.post("/albums/new/", {"title": "x", "visibility": "nope"}).status_code == 400
    assert not Album.objects.exists()
    client.post("/albums/new/", {"title": "Keep", "visibility": "public"})
    album = Album.objects.get()
    response = client.post(
        f"/albums/{album.pk}/edit/",
        {
            "title": "Changed",
            "visibility": "public",
            f"in_{photo.pk}": "on",
            f"pos_{photo.pk}": "-3",
        },
    )
    assert response.status_code == 400
    assert "Ensure this value is greater than or equal to 1" in response.content.decode()
    album.refresh_from_db()
    assert album.title == "Keep" and not album.entries.exists()


def test_only_the_owner_can_edit_or_delete_an_album(client, alice, bob):
    client.force_login(alice)
    client.post("/albums/new/", {"title": "Mine", "visibility": "public"})
    album = Album.objects.get()
    client.force_login(bob)
    assert client.get(f"/albums/{album.pk}/").status_code == 200
    assert client.get(f"/albums/{album.pk}/edit/").status_code == 404
    assert client.post(f"/albums/{album.pk}/delete/").status_code == 404
    assert Album.objects.exists()


def test_deleting_an_album_keeps_its_photos(client, alice, many_photos):
    photos = many_photos(alice, 2)
    client.force_login(alice)
    client.post("/albums/new/", {"title": "Gone soon", "visibility": "public"})
    album = Album.objects.get()
    client.post(
        f"/albums/{album.pk}/edit/",
        {"title": "Gone soon", "visibility": "public", **{f"in_{p.pk}": "on" for p in photos}},
    )
    assert "the photos in it stay" in client.get(f"/albums/{album.pk}/delete/").content.decode()
    assert client.post(f"/albums/{album.pk}/delete/").status_code == 302
    assert not Album.objects.exists()
    assert Photo.objects.count() == 2

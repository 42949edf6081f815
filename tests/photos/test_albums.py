import pytest

from core.errors import PermissionDenied, ServiceError
from photos.models import Photo
from photos.selectors import album_photos
from photos.services import album_create, album_delete, album_set_photos, album_update


def test_album_keeps_the_chosen_order(alice, upload):
    first, second, third = (upload(alice, title=t) for t in "abc")
    album = album_create(owner=alice, title="Trip")
    album_set_photos(actor=alice, album=album, photo_ids=[third.pk, first.pk, second.pk])
    assert [p.title for p in album_photos(album, alice)] == ["c", "a", "b"]
    album_set_photos(actor=alice, album=album, photo_ids=[second.pk])
    assert [p.title for p in album_photos(album, alice)] == ["b"]


def test_album_refuses_other_peoples_photos_and_duplicates(alice, bob, upload):
    mine, theirs = upload(alice), upload(bob)
    album = album_create(owner=alice, title="Trip")
    with pytest.raises(PermissionDenied):
        album_set_photos(actor=alice, album=album, photo_ids=[mine.pk, theirs.pk])
    with pytest.raises(ServiceError):
        album_set_photos(actor=alice, album=album, photo_ids=[mine.pk, mine.pk])
    assert album.entries.count() == 0


def test_album_shows_viewers_only_photos_they_may_see(alice, bob, upload):
    public, private = upload(alice, title="pub"), upload(alice, title="priv", visibility="private")
    album = album_create(owner=alice, title="Mixed")
    album_set_photos(actor=alice, album=album, photo_ids=[private.pk, public.pk])
    assert [p.title for p in album_photos(album, bob)] == ["pub"]
    assert [p.title for p in album_photos(album, alice)] == ["priv", "pub"]


def test_album_needs_title_and_only_owner_changes_it(alice, bob):
    with pytest.raises(ServiceError):
        album_create(owner=alice, title="  ")
    album = album_create(owner=alice, title="Trip")
    with pytest.raises(PermissionDenied):
        album_update(actor=bob, album=album, title="x", description="", visibility="public")
    with pytest.raises(PermissionDenied):
        album_delete(actor=bob, album=album)


def test_deleting_an_album_keeps_its_photos(alice, upload):
    photo = upload(alice)
    album = album_create(owner=alice, title="Trip")
    album_set_photos(actor=alice, album=album, photo_ids=[photo.pk])
    album_delete(actor=alice, album=album)
    assert Photo.objects.filter(pk=photo.pk).exists()

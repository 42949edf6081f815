"""The organiser's services (photos.bulk): one change to many of the owner's photos; a
foreign or missing id refuses the whole batch; large batches go to the worker."""

import pytest

from core.errors import PermissionDenied, ServiceError
from core.models import Event
from photos import bulk
from photos.models import AlbumPhoto, Photo, Visibility
from photos.rendition_keys import rendition_key
from photos.selectors import photos_matching
from photos.services import album_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(alice, upload):
    return [upload(alice, title=f"P{i}", tags="street") for i in range(3)]


def ids(photos):
    return [p.pk for p in photos]


def tag_names(photo):
    return sorted(photo.tags.values_list("name", flat=True))


def test_tags_are_added_and_removed_on_every_chosen_photo(alice, three):
    result = bulk.photos_tags_add(actor=alice, photo_ids=ids(three[:2]), tags="berlin, #night")
    assert (result.count, result.queued) == (2, False)
    assert [tag_names(p) for p in three] == [
        ["berlin", "night", "street"],
        ["berlin", "night", "street"],
        ["street"],
    ]
    found = photos_matching("berlin", alice)
    assert sorted(p.pk for p in found) == sorted(ids(three[:2]))  # the search index follows
    bulk.photos_tags_remove(actor=alice, photo_ids=ids(three), tags="street night")
    assert [tag_names(p) for p in three] == [["berlin"], ["berlin"], []]
    events = Event.objects.filter(kind="photo.updated", data__bulk="tags_add")
    assert sorted(events.values_list("subject_id", flat=True)) == sorted(ids(three[:2]))


def test_licence_and_visibility_change_and_with_them_the_rendition_keys(alice, three):
    keys = [rendition_key(p) for p in three]
    bulk.photos_licence_set(actor=alice, photo_ids=ids(three), licence="cc-by-sa")
    bulk.photos_visibility_set(actor=alice, photo_ids=ids(three), visibility="private")
    for photo, key in zip(three, keys, strict=True):
        photo.refresh_from_db()
        assert (photo.licence, photo.visibility) == ("cc-by-sa", Visibility.PRIVATE)
        assert rendition_key(photo) != key
    assert Event.objects.filter(kind="photo.updated", data__visibility="private").count() == 3


def test_a_foreign_id_refuses_the_whole_batch_and_changes_nothing(alice, bob, three, upload):
    theirs = upload(bob, title="Bob's")
    with pytest.raises(PermissionDenied, match="1 of the chosen photos is not yours"):
        bulk.photos_visibility_set(
            actor=alice, photo_ids=[*ids(three), theirs.pk], visibility="private"
        )
    with pytest.raises(PermissionDenied):
        bulk.photos_delete(actor=alice, photo_ids=[three[0].pk, 999_999])
    assert Photo.objects.filter(visibility="private").count() == 0
    assert Photo.objects.count() == 4
    assert not Event.objects.filter(kind__in=["photo.updated", "photo.deleted"]).exists()


def test_bad_values_are_refused_with_a_message(alice, three):
    with pytest.raises(ServiceError, match="Unknown licence"):
        bulk.photos_licence_set(actor=alice, photo_ids=ids(three), licence="mine")
    with pytest.raises(ServiceError, match="Name at least one tag"):
        bulk.photos_tags_add(actor=alice, photo_ids=ids(three), tags=" , ")
    with pytest.raises(ServiceError, match="Choose at least one photo"):
        bulk.photos_licence_set(actor=alice, photo_ids=[], licence="cc0")


def test_no_photo_may_pass_the_tag_limit(alice, upload):
    full = upload(alice, title="Full", tags=" ".join(f"t{i}" for i in range(19)))
    other = upload(alice, title="Other")
    with pytest.raises(ServiceError, match="“Full” would have more than 20 tags"):
        bulk.photos_tags_add(actor=alice, photo_ids=[full.pk, other.pk], tags="a b")
    assert tag_names(other) == []
    bulk.photos_tags_add(actor=alice, photo_ids=[full.pk], tags="t0 t1 extra")
    assert len(tag_names(full)) == 20


def test_photos_join_an_album_once_at_its_end(alice, bob, three):
    album = album_create(owner=alice, title="Trip")
    bulk.photos_album_add(actor=alice, photo_ids=ids(three[:2]), album_id=album.pk)
    bulk.photos_album_add(actor=alice, photo_ids=ids(three), album_id=album.pk)
    entries = AlbumPhoto.objects.filter(album=album).order_by("position")
    assert [e.photo_id for e in entries] == ids(three)
    theirs = album_create(owner=bob, title="Bob's")
    with pytest.raises(PermissionDenied, match="your own albums"):
        bulk.photos_album_add(actor=alice, photo_ids=ids(three), album_id=theirs.pk)


def test_deleting_removes_rows_and_files_and_tells_consent(
    alice, three, media_dir, django_capture_on_commit_callbacks
):
    from photos.signals import photos_deleted

    heard = []

    def listener(sender, photo_ids, **kwargs):
        heard.extend(photo_ids)

    photos_deleted.connect(listener)
    files = [p.original for p in three[:2]]
    try:
        with django_capture_on_commit_callbacks(execute=True):
            bulk.photos_delete(actor=alice, photo_ids=ids(three[:2]))
    finally:
        photos_deleted.disconnect(listener)
    assert list(Photo.objects.values_list("title", flat=True)) == ["P2"]
    assert sorted(heard) == sorted(ids(three[:2]))
    assert not any((media_dir / f).exists() for f in files)
    assert Event.objects.filter(kind="photo.deleted").count() == 2


def test_a_large_batch_is_done_by_the_worker(
    alice, three, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(bulk, "INLINE_LIMIT", 2)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        result = bulk.photos_visibility_set(
            actor=alice, photo_ids=ids(three), visibility="followers"
        )
    assert (result.count, result.queued) == (3, True)
    assert Photo.objects.filter(visibility="followers").count() == 0  # not yet
    assert Event.objects.get(kind="photos.bulk_queued").data == {
        "action": "visibility",
        "count": 3,
    }
    for callback in callbacks:  # the immediate task backend runs it here
        callback()
    assert Photo.objects.filter(visibility="followers").count() == 3


def test_the_worker_leaves_out_photos_deleted_meanwhile(alice, three):
    three[0].delete()
    changed = bulk.photos_bulk_apply(
        actor_id=alice.pk, action=bulk.LICENCE, photo_ids=ids(three), value="cc0"
    )
    assert changed == 2
    assert set(Photo.objects.values_list("licence", flat=True)) == {"cc0"}


def test_the_worker_skips_an_album_deleted_meanwhile(alice, three):
    album = album_create(owner=alice, title="Gone soon")
    album_id = album.pk
    album.delete()
    bulk.photos_bulk_apply(
        actor_id=alice.pk, action=bulk.ALBUM, photo_ids=ids(three), value=album_id
    )
    assert not AlbumPhoto.objects.exists()

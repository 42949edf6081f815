"""Other servers follow what may federate: Create when a public photo appears, Update on
an edit, Delete when it may no longer leave Candid (read from the event log)."""

import pytest

from federation.models import Delivery, FederatedPhoto, RemoteActor, RemoteFollow
from federation.sync import events_follow
from photos.services import photo_delete, photo_update

pytestmark = pytest.mark.django_db


def edit(photo, **changes):
    fields = {
        "title": photo.title,
        "description": photo.description,
        "tags": [],
        "licence": photo.licence,
        "visibility": photo.visibility,
        "show_location": photo.show_location,
    }
    return photo_update(actor=photo.owner, photo=photo, **(fields | changes))


@pytest.fixture
def remote_follower(alice):
    actor = RemoteActor.objects.create(
        uri="https://pixelfed.example/users/bob",
        domain="pixelfed.example",
        inbox="https://pixelfed.example/users/bob/inbox",
        shared_inbox="https://pixelfed.example/f/inbox",
        fetched_at="2026-01-01T00:00:00Z",
    )
    RemoteFollow.objects.create(follower=actor, followee=alice, state="accepted")
    return actor


def sent_types():
    return [d.activity["type"] for d in Delivery.objects.order_by("pk")]


def test_a_new_public_photo_is_sent_once_to_the_shared_inbox(
    federating, alice, remote_follower, upload
):
    photo = upload(alice, visibility="public", title="Harbour")
    events_follow()
    events_follow()
    delivery = Delivery.objects.get()
    assert delivery.inbox == "https://pixelfed.example/f/inbox"
    assert delivery.activity["type"] == "Create"
    assert delivery.activity["object"]["id"] == f"https://candid.test/photos/{photo.pk}/"


def test_private_photos_never_leave(federating, alice, remote_follower, upload):
    upload(alice, visibility="private")
    upload(alice, visibility="followers")
    events_follow()
    assert not Delivery.objects.exists()


def test_making_a_sent_photo_private_sends_a_delete(federating, alice, remote_follower, upload):
    photo = upload(alice, visibility="public")
    events_follow()
    edit(photo, visibility="private")
    events_follow()
    assert sent_types() == ["Create", "Delete"]
    assert Delivery.objects.last().activity["object"]["type"] == "Tombstone"
    assert FederatedPhoto.objects.get().retracted_at is not None


def test_deleting_a_sent_photo_sends_a_delete(federating, alice, remote_follower, upload):
    photo = upload(alice, visibility="public")
    events_follow()
    photo_delete(actor=alice, photo=photo)
    events_follow()
    assert sent_types() == ["Create", "Delete"]


def test_an_edit_sends_an_update(federating, alice, remote_follower, upload):
    photo = upload(alice, visibility="public", title="Old")
    events_follow()
    edit(photo, title="New")
    events_follow()
    assert sent_types() == ["Create", "Update"]
    assert "New" in Delivery.objects.last().activity["object"]["content"]


def test_nothing_is_sent_without_remote_followers(federating, alice, upload):
    upload(alice, visibility="public")
    events_follow()
    assert not Delivery.objects.exists()


def test_a_removal_by_decision_sends_a_delete(
    federating, alice, remote_follower, upload, report, decide
):
    photo = upload(alice, visibility="public")
    events_follow()
    notice = report(photo)
    decide(notice.case)
    events_follow()
    assert sent_types() == ["Create", "Delete"]


def test_a_profile_edit_does_not_re_decide_every_photo_sent(federating, alice, upload):
    from federation.sync import _photos_named

    photo = upload(alice, visibility="public")
    FederatedPhoto.objects.create(
        photo_id=photo.pk, owner_id=alice.pk, published_at=photo.created_at
    )
    member_event = {"subject_type": "accounts.user", "subject_id": alice.pk}
    assert _photos_named([member_event | {"kind": "account.profile_updated"}])[0] == {}
    assert _photos_named([member_event | {"kind": "account.suspended"}])[0] == {photo.pk: False}


BASE83 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~"


def test_the_sent_image_carries_the_photos_blurhash_made_once(
    federating, alice, remote_follower, upload
):
    import numpy
    from django.core.files.storage import default_storage
    from PIL import Image

    from photos.blurhash import photo_blurhash

    photo = upload(alice, visibility="public", title="Harbour")
    events_follow()
    image = Delivery.objects.get().activity["object"]["attachment"][0]
    photo.refresh_from_db()
    assert image["blurhash"] == photo.blurhash and len(photo.blurhash) == 28  # 4×3 components
    value = 0
    for char in photo.blurhash[2:6]:  # the average colour, as sRGB 0xRRGGBB
        value = value * 83 + BASE83.index(char)
    average = [(value >> 16) & 255, (value >> 8) & 255, value & 255]
    small = photo.renditions.order_by("width").first()
    with default_storage.open(small.file, "rb") as stored:
        pixels = numpy.asarray(Image.open(stored).convert("RGB"), dtype=float) / 255
    # BlurHash averages in linear light: the mean of the linearised pixels, back in sRGB.
    linear = numpy.where(pixels <= 0.04045, pixels / 12.92, ((pixels + 0.055) / 1.055) ** 2.4)
    mean = linear.reshape(-1, 3).mean(axis=0)
    expected = numpy.where(mean <= 0.0031308, mean * 12.92, 1.055 * mean ** (1 / 2.4) - 0.055)
    assert all(abs(a - e * 255) < 8 for a, e in zip(average, expected, strict=True))

    small.file = "gone.jpg"  # made once: the stored hash is used, the file not read again
    small.save()
    assert photo_blurhash(photo) == image["blurhash"]
    edit(photo, title="Harbour at dusk")
    events_follow()
    update = Delivery.objects.get(activity__type="Update").activity["object"]
    assert update["attachment"][0]["blurhash"] == image["blurhash"]

"""A member's notifications and e-mail choices are part of their export and go with their
erasure, as do the notifications others got about what the member did."""

import json
from datetime import timedelta

from notifications.kinds import Email, Kind
from notifications.models import EmailPreference, Notification
from notifications.services import email_preferences_set
from rights.services.erasure import erasure_request
from rights.services.upkeep import rights_upkeep
from social.services import favourite_add, follow_create
from tests.rights.conftest import open_archive


def test_the_export_holds_the_notifications_and_choices(alice, bob, upload, exported):
    photo = upload(alice, title="Harbour")
    favourite_add(user=bob, photo_id=photo.pk)
    email_preferences_set(user=alice, choices={Kind.FAVOURITE: Email.OFF})
    archive = open_archive(exported(alice))
    [item] = json.loads(archive.read("notifications/notifications.json"))
    assert item["kind"] == "favourite" and item["path"] == f"/photos/{photo.pk}/"
    assert item["text"] == "bob added your photo “Harbour” to their favourites."
    choices = json.loads(archive.read("notifications/email_preferences.json"))
    assert choices == [{"kind": "favourite", "email": "off"}]
    assert "### notifications/" in archive.read("README.md").decode()


def test_erasure_deletes_received_and_caused_notifications(
    alice, bob, make_user, django_capture_on_commit_callbacks
):
    carol = make_user("carol")
    follow_create(follower=bob, followee=alice)
    follow_create(follower=alice, followee=carol)
    email_preferences_set(user=alice, choices={Kind.FOLLOW: Email.OFF})
    erasure = erasure_request(actor=alice, user=alice)
    with django_capture_on_commit_callbacks(execute=True):
        rights_upkeep(now=erasure.scheduled_for + timedelta(minutes=1))
    assert not Notification.objects.filter(recipient=alice).exists()
    assert not Notification.objects.filter(actor=alice).exists()  # carol's about alice
    assert not EmailPreference.objects.filter(user=alice).exists()

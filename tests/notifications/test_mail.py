"""Notification mail: per kind and per member's choice, recorded through core.mail and
sent by the task (never in the request), in the member's language, with a one-click
unsubscribe (RFC 8058) that works without signing in."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from core.errors import ServiceError
from core.models import OutgoingMail
from core.upkeep_tasks import upkeep_task
from notifications.kinds import Email, Kind
from notifications.mailing import digest_groups, digests_send_due
from notifications.models import EmailPreference, Notification
from notifications.selectors import email_choices
from notifications.services import email_preferences_set, email_unsubscribe, notify_follow
from social.services import comment_post, favourite_add, follow_create

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def photo(alice, upload):
    return upload(alice, title="Harbour at night")


def unsubscribe_path(message) -> str:
    return re.search(r"https?://[^/\s]+(/notifications/unsubscribe/\S+/)", message.body).group(1)


def test_defaults_mail_follows_at_once_and_favourites_in_the_digest(alice):
    choices = email_choices(alice)
    assert choices[Kind.FOLLOW] == Email.IMMEDIATE and choices[Kind.COMMENT] == Email.IMMEDIATE
    assert choices[Kind.FAVOURITE] == Email.DIGEST and choices[Kind.REPLY] == Email.DIGEST
    assert Kind.MODERATION not in choices


def test_a_follow_is_mailed_by_the_task_with_unsubscribe_headers(
    alice, bob, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        follow_create(follower=bob, followee=alice)
    assert mail.outbox == []  # nothing is sent inside the request's transaction
    [row] = OutgoingMail.objects.all()
    assert row.recipient == alice.email and row.purpose == "notifications/follow"
    for callback in callbacks:
        callback()
    [message] = mail.outbox
    assert message.subject == "bob started following you."
    assert "http://testserver/u/bob/" in message.body or "/u/bob/" in message.body
    url = message.extra_headers["List-Unsubscribe"]
    assert url == f"<{row.body.split('one click: ')[1].split()[0]}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_german_member_gets_german_mail(alice, bob, django_capture_on_commit_callbacks):
    alice.language = "de"
    alice.save()
    with django_capture_on_commit_callbacks(execute=True):
        follow_create(follower=bob, followee=alice)
    [message] = mail.outbox
    assert message.subject == "bob folgt Ihnen jetzt."
    assert "Diese E-Mails mit einem Klick abbestellen" in message.body


def test_a_kind_turned_off_is_shown_but_not_mailed(alice, bob, django_capture_on_commit_callbacks):
    email_preferences_set(user=alice, choices={Kind.FOLLOW: Email.OFF})
    with django_capture_on_commit_callbacks(execute=True):
        follow_create(follower=bob, followee=alice)
    assert mail.outbox == [] and OutgoingMail.objects.count() == 0
    [n] = Notification.objects.filter(recipient=alice)
    assert n.mail == Notification.Mail.NONE


def test_an_unconfirmed_address_is_not_written_to(alice, bob, django_capture_on_commit_callbacks):
    alice.email_unverified = True
    alice.save()
    with django_capture_on_commit_callbacks(execute=True):
        follow_create(follower=bob, followee=alice)
    assert mail.outbox == []


def test_an_unknown_choice_is_refused_and_changes_nothing(alice):
    with pytest.raises(ServiceError):
        email_preferences_set(
            user=alice, choices={Kind.FOLLOW: Email.OFF, Kind.FAVOURITE: "hourly"}
        )
    with pytest.raises(ServiceError):
        email_preferences_set(user=alice, choices={Kind.MODERATION: Email.OFF})
    assert not EmailPreference.objects.exists()


def test_one_click_unsubscribe_works_without_signing_in(
    alice, bob, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        follow_create(follower=bob, followee=alice)
    path = unsubscribe_path(mail.outbox[0])
    client = Client(enforce_csrf_checks=True)
    page = client.get(path)  # a link checker's GET changes nothing
    assert page.status_code == 200 and email_choices(alice)[Kind.FOLLOW] == Email.IMMEDIATE
    done = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200
    assert email_choices(alice)[Kind.FOLLOW] == Email.OFF
    assert email_choices(alice)[Kind.COMMENT] == Email.IMMEDIATE  # only the kind mailed


def test_a_forged_unsubscribe_link_is_refused(alice):
    client = Client()
    path = reverse("notification_unsubscribe", args=["eyJ1IjoxLCJrIjoiZm9sbG93In0:forged"])
    assert client.post(path).status_code == 400
    assert client.get(path).status_code == 400
    assert not EmailPreference.objects.exists()
    with pytest.raises(ServiceError):
        email_unsubscribe(token="nonsense")


def at(hour: int, day: int = 7) -> datetime:
    return datetime(2026, 12, day, hour, 30, tzinfo=BERLIN)


def make_digest_items(alice, bob, make_user, photo, when):
    carol = make_user("carol")
    for actor in (bob, carol):
        favourite_add(user=actor, photo_id=photo.pk)
    comment_post(author=bob, photo_id=photo.pk, body="Nice")
    comment_post(author=alice, photo_id=photo.pk, body="Thanks")  # bob: a reply (digest)
    Notification.objects.update(created_at=when)


def test_the_digest_groups_by_kind_and_goes_once_after_eight_local_time(
    alice, bob, make_user, photo, django_capture_on_commit_callbacks
):
    alice.time_zone = "Europe/Berlin"
    alice.save()
    email_preferences_set(user=alice, choices={Kind.COMMENT: Email.DIGEST})
    make_digest_items(alice, bob, make_user, photo, when=at(20, day=6))
    with django_capture_on_commit_callbacks(execute=True):
        assert digests_send_due(now=at(7)) == 0  # before eight in Berlin
        assert digests_send_due(now=at(8)) == 1  # alice's
        assert digests_send_due(now=at(9)) == 1  # bob's: eight in UTC, his (the default) zone
        assert digests_send_due(now=at(10)) == 0  # once a day
    [digest] = [m for m in mail.outbox if m.to == [alice.email]]
    assert digest.subject == "3 new notifications on Candid"
    favourites = digest.body.index("Favourites of your photos (2)")
    comments = digest.body.index("Comments on your photos (1)")
    assert favourites < comments
    assert digest.body.count(f"/photos/{photo.pk}/") == 3
    assert "List-Unsubscribe" in digest.extra_headers


def test_what_came_after_the_hour_waits_for_tomorrow_and_read_items_are_left_out(
    alice, bob, make_user, photo, django_capture_on_commit_callbacks
):
    for member in (alice, bob):
        member.time_zone = "Europe/Berlin"
        member.save()
    make_digest_items(alice, bob, make_user, photo, when=at(8, day=7))
    Notification.objects.filter(recipient=alice, actor=bob).update(read_at=at(9))
    with django_capture_on_commit_callbacks(execute=True):
        assert digests_send_due(now=at(10)) == 0
        assert digests_send_due(now=at(8, day=8)) == 2
    [digest] = [m for m in mail.outbox if m.to == [alice.email]]
    assert digest.subject == "1 new notification on Candid"
    assert "carol added your photo" in digest.body and "bob added" not in digest.body


def test_digest_unsubscribe_turns_off_every_kind_sent_in_digests(alice):
    email_preferences_set(user=alice, choices={Kind.MENTION: Email.DIGEST})
    from notifications.unsubscribe import DIGEST, unsubscribe_token

    email_unsubscribe(token=unsubscribe_token(user_id=alice.pk, scope=DIGEST))
    choices = email_choices(alice)
    assert choices[Kind.FAVOURITE] == choices[Kind.REPLY] == choices[Kind.MENTION] == Email.OFF
    assert choices[Kind.FOLLOW] == Email.IMMEDIATE


def test_turning_a_kind_off_drops_what_waited_for_the_digest(alice, bob, photo):
    favourite_add(user=bob, photo_id=photo.pk)
    email_preferences_set(user=alice, choices={Kind.FAVOURITE: Email.OFF})
    assert Notification.objects.get(recipient=alice).mail == Notification.Mail.NONE


def test_the_worker_scheduler_runs_the_digest_hourly(alice, bob):
    from core.scheduler import SCHEDULES

    assert SCHEDULES["notifications_digest"] == 3600
    notify_follow(follower=bob, followee=alice)
    assert "digest(s) sent" in upkeep_task.call("notifications_digest")


def test_digest_groups_follow_the_order_of_kinds(alice, bob, photo):
    favourite_add(user=bob, photo_id=photo.pk)
    notify_follow(follower=bob, followee=alice)
    groups = digest_groups(list(Notification.objects.order_by("id")))
    assert [g["kind"] for g in groups] == ["New followers", "Favourites of your photos"]

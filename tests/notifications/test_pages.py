"""/notifications/ (newest first, keyset-paged, read when seen, "mark all read"), the
header badge (signed-in members only, no query of its own on a warm page) and
/settings/notifications/."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from notifications.kinds import Email, Kind
from notifications.models import Notification
from notifications.selectors import email_choices
from notifications.services import notify_follow
from social.services import comment_post, favourite_add, follow_create


@pytest.fixture
def photo(alice, upload):
    return upload(alice, title="Harbour at night")


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def badge(html: str) -> str | None:
    marker = 'class="badge unread-count">'
    if marker not in html:
        return None
    return html.split(marker)[1].split("<")[0]


def test_the_badge_counts_unread_and_the_page_marks_them_read(alice, bob, photo):
    client = signed_in(alice)
    assert badge(client.get("/explore/").content.decode()) is None
    favourite_add(user=bob, photo_id=photo.pk)
    follow_create(follower=bob, followee=alice)
    assert badge(client.get("/explore/").content.decode()) == "2"
    page = client.get(reverse("notifications")).content.decode()
    assert page.index("bob started following you.") < page.index("bob added your photo")
    assert f'href="/photos/{photo.pk}/"' in page and page.count('class="badge ok"') == 2
    assert not Notification.objects.filter(recipient=alice, read_at=None).exists()
    assert badge(client.get("/explore/").content.decode()) is None


def test_mark_all_read(alice, bob):
    notify_follow(follower=bob, followee=alice)
    response = signed_in(alice).post(reverse("notifications_read"))
    assert response.status_code == 302
    assert not Notification.objects.filter(read_at=None).exists()


def test_the_page_is_keyset_paged_and_reads_only_what_it_shows(alice, make_user):
    for i in range(35):
        notify_follow(follower=make_user(f"fan{i}"), followee=alice)
    client = signed_in(alice)
    first = client.get(reverse("notifications")).content.decode()
    assert "fan34 started" in first and "fan4 started" not in first and "cursor=" in first
    assert Notification.objects.filter(recipient=alice, read_at=None).count() == 5
    older = first.split('rel="next"')[0].rsplit('href="', 1)[1].split('"')[0]
    second = client.get(reverse("notifications") + older.replace("&amp;", "&")).content.decode()
    assert "fan4 started" in second and "fan0 started" in second
    assert not Notification.objects.filter(recipient=alice, read_at=None).exists()


def test_a_hidden_notification_is_not_listed_and_does_not_keep_the_badge(alice, bob, photo):
    comment_post(author=bob, photo_id=photo.pk, body="Nice")
    comment_post(author=alice, photo_id=photo.pk, body="Thanks")
    photo.visibility = "private"
    photo.save()
    client = signed_in(bob)
    page = client.get(reverse("notifications")).content.decode()
    assert "Harbour" not in page
    assert not Notification.objects.filter(recipient=bob, read_at=None).exists()


def test_the_badge_costs_no_query_on_a_warm_page(alice, bob):
    notify_follow(follower=bob, followee=alice)
    client = signed_in(alice)
    client.get("/explore/")
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/explore/").content.decode()
    assert badge(html) == "1"
    assert not [q for q in queries if "notifications_notification" in q["sql"]]


def test_anonymous_pages_show_no_badge_and_stay_cached(alice, bob):
    notify_follow(follower=bob, followee=alice)
    client = Client()
    first = client.get("/explore/")
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/explore/")
    assert again.content == first.content and len(queries) == 0
    assert badge(first.content.decode()) is None and b"notifications-link" not in first.content


def test_the_list_needs_signing_in(db):
    response = Client().get(reverse("notifications"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_settings_save_a_choice_per_kind(alice):
    client = signed_in(alice)
    page = client.get(reverse("notification_settings")).content.decode()
    assert "Favourites of your photos" in page and "cannot be turned off" in page
    choices = {kind: Email.OFF for kind in email_choices(alice)} | {Kind.MENTION: Email.DIGEST}
    assert client.post(reverse("notification_settings"), choices).status_code == 302
    assert email_choices(alice)[Kind.MENTION] == Email.DIGEST
    assert email_choices(alice)[Kind.FOLLOW] == Email.OFF


def test_settings_refuse_an_unknown_choice_and_change_nothing(alice):
    client = signed_in(alice)
    choices = {kind: "hourly" for kind in email_choices(alice)}
    response = client.post(reverse("notification_settings"), choices)
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert email_choices(alice)[Kind.FOLLOW] == Email.IMMEDIATE


def test_pages_in_german(alice, bob):
    notify_follow(follower=bob, followee=alice)
    client = signed_in(alice)
    page = client.get(reverse("notifications"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "bob folgt Ihnen jetzt." in page and "Alle als gelesen markieren" in page
    settings_page = client.get(reverse("notification_settings"), HTTP_ACCEPT_LANGUAGE="de")
    assert "Tägliche Zusammenfassung" in settings_page.content.decode()

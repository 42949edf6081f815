"""DSA Art. 18: a moderator notifies the authorities of a threat to life or safety from the
case page, at any stage of the case; the notification is recorded, logged in the
hash-chained log in the same transaction, and counted in the DSA report."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.staff_log import staff_activity
from core.errors import PermissionDenied, ServiceError
from core.models import Event
from legal.models import AuthorityNotification
from legal.services import EVENT, NotificationInput, authorities_notify
from tests.moderation_fixtures import staff_login
from transparency.reports.dsa import dsa_report

pytestmark = pytest.mark.django_db
MAY = datetime(2026, 5, 4, 10, 0, tzinfo=UTC)
SENT = "Photo 12's caption announces an attack on a named school tomorrow; screenshots attached."


def notification(**fields) -> NotificationInput:
    defaults = dict(
        authority="Polizei Hamburg, Onlinewache",
        member_state="DE",
        sent=SENT,
        sent_at=timezone.now() - timedelta(minutes=5),
        reference="LKA-123",
    )
    return NotificationInput(**{**defaults, **fields})


def form_data(**fields) -> dict:
    data = {
        "authority": "Bundeskriminalamt",
        "member_state": "DE",
        "sent": SENT,
        "sent_at": "2026-05-04T11:55",
        "reference": "",
    }
    return {**data, **fields}


def test_the_service_records_and_logs_in_one_go(case, mod):
    with time_machine.travel(MAY, tick=False):
        made = authorities_notify(case=case, moderator=mod, data=notification())
    stored = AuthorityNotification.objects.get()
    assert stored.pk == made.pk and stored.case == case and stored.moderator == mod
    assert stored.authority == "Polizei Hamburg, Onlinewache" and stored.sent == SENT
    event = Event.objects.get(kind=EVENT)
    assert event.subject_id == case.pk and event.actor == mod and event.chain_seq
    assert event.data == {
        "case_id": case.pk,
        "member_state": "DE",
        "sent_at": stored.sent_at.isoformat(),
    }
    assert event.private["sent"] == SENT and event.private["notification_id"] == stored.pk
    assert SENT not in event.public and "Polizei" not in event.public  # nothing personal public


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"authority": "  "}, "Name the authority"),
        ({"member_state": "US"}, "member state"),
        ({"sent": ""}, "Say what you sent"),
        ({"sent_at": timezone.now() + timedelta(hours=1)}, "future"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(case, mod, fields, message):
    with pytest.raises(ServiceError, match=message):
        authorities_notify(case=case, moderator=mod, data=notification(**fields))
    assert not AuthorityNotification.objects.exists()
    assert not Event.objects.filter(kind=EVENT).exists()


def test_members_cannot_notify(case, bob):
    with pytest.raises(PermissionDenied):
        authorities_notify(case=case, moderator=bob, data=notification())
    assert not AuthorityNotification.objects.exists()


def test_europol_when_no_member_state_is_identifiable(case, mod):
    authorities_notify(case=case, moderator=mod, data=notification(member_state="EU"))
    assert Event.objects.get(kind=EVENT).data["member_state"] == "EU"


def test_the_case_page_offers_the_form_and_lists_what_was_sent(client, case, mod):
    authorities_notify(case=case, moderator=mod, data=notification())
    staff_login(client, mod)
    html = client.get(reverse("moderation_case", args=[case.pk])).content.decode()
    assert f'action="{reverse("art18_notify", args=[case.pk])}"' in html
    assert "Polizei Hamburg, Onlinewache" in html and "LKA-123" in html
    german = client.get(
        reverse("moderation_case", args=[case.pk]), HTTP_ACCEPT_LANGUAGE="de"
    ).content.decode()
    assert "Behörden informieren" in german


def test_the_form_records_without_waiting_for_the_decision(client, case, mod):
    staff_login(client, mod)
    with time_machine.travel(MAY.replace(hour=12), tick=False):
        response = client.post(reverse("art18_notify", args=[case.pk]), form_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("moderation_case", args=[case.pk])
    stored = AuthorityNotification.objects.get()
    assert stored.authority == "Bundeskriminalamt" and stored.sent_at == MAY.replace(
        hour=11, minute=55
    )
    case.refresh_from_db()
    assert case.state == "open"  # the case goes on as before


def test_an_invalid_form_says_why_and_records_nothing(client, case, mod):
    staff_login(client, mod)
    response = client.post(reverse("art18_notify", args=[case.pk]), form_data(sent=""))
    assert response.status_code == 400
    assert "Nothing was recorded" in response.content.decode()
    assert not AuthorityNotification.objects.exists()


def test_a_csrf_protected_post_from_the_case_page_works(case, mod):
    client = Client(enforce_csrf_checks=True)
    staff_login(client, mod)
    page = client.get(reverse("moderation_case", args=[case.pk])).content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="')[-1].split('"')[0]
    response = client.post(
        reverse("art18_notify", args=[case.pk]),
        form_data(csrfmiddlewaretoken=token, sent_at="2020-01-01T10:00"),
    )
    assert response.status_code == 302 and AuthorityNotification.objects.count() == 1


def test_members_and_visitors_are_refused(client, case, alice, bob):
    url = reverse("art18_notify", args=[case.pk])
    assert client.post(url, form_data()).status_code == 302  # visitors: sign in first
    client.force_login(bob)
    assert client.post(url, form_data()).status_code == 403
    assert (
        "Threat to life or safety"
        not in client.get(reverse("moderation_case", args=[case.pk])).content.decode()
    )
    assert not AuthorityNotification.objects.exists()


def test_the_dsa_report_counts_the_notifications_of_its_period(case, mod):
    with time_machine.travel(MAY, tick=False):
        authorities_notify(case=case, moderator=mod, data=notification())
        authorities_notify(case=case, moderator=mod, data=notification(member_state="AT"))
    with time_machine.travel(datetime(2027, 1, 5, tzinfo=UTC), tick=False):
        authorities_notify(case=case, moderator=mod, data=notification())
    tables = {t.key: t for t in dsa_report("2026").tables}
    assert tables["art18_notifications"].rows[0][1] == 2
    assert {t.key: t for t in dsa_report("2027").tables}["art18_notifications"].rows[0][1] == 1


def test_a_new_notification_shows_at_once_on_the_cached_case_page(client, case, mod):
    staff_login(client, mod)
    url = reverse("moderation_case", args=[case.pk])
    assert "LKA-123" not in client.get(url).content.decode()  # the parts are now cached
    authorities_notify(case=case, moderator=mod, data=notification())
    assert "LKA-123" in client.get(url).content.decode()


def test_the_notification_is_listed_as_staff_activity(case, mod):
    authorities_notify(case=case, moderator=mod, data=notification())
    assert list(staff_activity().values_list("kind", flat=True)[:1]) == [EVENT]

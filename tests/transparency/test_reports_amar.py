"""Average monthly active recipients (DSA Art. 24(2)): each viewer counted once a month,
at most one write a day, only keyed hashes while the month is open, only the count after."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.test import Client

from core.models import Event
from moderation.services.offences import offence_of
from transparency.activity import amar_for, months_close, recipient_seen
from transparency.models import MonthlyRecipients, RecipientSalt, RecipientSeen

MIDDLEWARE = "transparency.activity.ActiveRecipientsMiddleware"


@pytest.fixture
def counting(settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, MIDDLEWARE]


def test_viewers_are_counted_once_per_month_as_keyed_hashes(counting, alice, db):
    with time_machine.travel(datetime(2026, 1, 5, 12, tzinfo=UTC), tick=False):
        visitor = Client(REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="Firefox")
        assert visitor.get("/explore/").status_code == 200
        visitor.get("/explore/")
        member = Client()
        member.force_login(alice)
        member.get("/explore/")
        Client(HTTP_X_COUNTRY_CODE="US").get("/explore/")  # outside the EU/EEA
        Client().get("/static/css/candid.css")
    with time_machine.travel(datetime(2026, 1, 6, 12, tzinfo=UTC), tick=False):
        visitor.get("/explore/")  # next day: checked again, still one row
    rows = list(RecipientSeen.objects.values_list("month", "digest"))
    assert len(rows) == 2 and {m for m, _d in rows} == {"2026-01"}
    assert all(len(d) == 64 and "203.0.113.7" not in d for _m, d in rows)


def test_a_counted_viewer_costs_no_query_the_same_day(db, django_assert_num_queries):
    with time_machine.travel(datetime(2026, 1, 5, tzinfo=UTC), tick=False):
        assert recipient_seen(key="user:1") is True
        with django_assert_num_queries(0):
            assert recipient_seen(key="user:1") is False


def test_closing_a_month_keeps_only_the_count_and_deletes_hashes_and_salt(db):
    for day, keys in ((datetime(2026, 1, 9, tzinfo=UTC), ["a", "b", "c"]),
                      (datetime(2026, 2, 9, tzinfo=UTC), ["a"])):  # fmt: skip
        with time_machine.travel(day, tick=False):
            for key in keys:
                recipient_seen(key=key)
    assert months_close(now=datetime(2026, 2, 20, tzinfo=UTC)) == ["2026-01"]
    assert not RecipientSeen.objects.filter(month="2026-01").exists()
    assert not RecipientSalt.objects.filter(month="2026-01").exists()
    assert RecipientSalt.objects.filter(month="2026-02").exists()  # still open
    assert MonthlyRecipients.objects.get(month="2026-01").recipients == 3
    assert Event.objects.get(kind="transparency.recipients_month_closed").data == {
        "month": "2026-01",
        "recipients": 3,
    }
    months_close(now=datetime(2026, 3, 1, tzinfo=UTC))
    amar = amar_for(start=datetime(2026, 1, 1, tzinfo=UTC), end=datetime(2026, 7, 1, tzinfo=UTC))
    assert amar == {
        "months": [{"month": "2026-01", "recipients": 3}, {"month": "2026-02", "recipients": 1}],
        "average": 2,
    }


def test_dsa_report_prints_amar_of_closed_months(client, db):
    MonthlyRecipients.objects.create(
        month="2026-02", recipients=40, closed_at=datetime(2026, 3, 1, tzinfo=UTC)
    )
    rows = client.get("/transparency/reports/dsa/2026-H1.json").json()["tables"]["10_AMAR"]["rows"]
    assert rows[0][5:7] == ["TOTAL", 40]
    empty = client.get("/transparency/reports/dsa/2025.json").json()["tables"]["10_AMAR"]["rows"]
    assert empty[0][6] == "no closed month yet"


@pytest.mark.parametrize(
    "law, offence",
    [
        ("StGB §185", "StGB §185"),
        ("§ 130 Abs. 1 StGB (Volksverhetzung)", "StGB §130"),
        ("§86a StGB", "StGB §86a"),
        ("Strafgesetzbuch § 201a", "StGB §201a"),
        ("StGB §242 (Diebstahl)", "other"),
        ("UrhG §97", "other"),
        ("Meine Adresse ist Hauptstr. 5, Herr Müller", "other"),
        ("", "other"),
    ],
)
def test_only_a_listed_netzdg_offence_is_published(law, offence):
    assert offence_of(law) == offence

"""Each submission attempt to the DSA Transparency Database is kept as a row per statement
(sent at, puid, outcome and the database's answer) next to its event, and admins (with the
second factor) see them on a staff page. A stand-in database runs on 127.0.0.1."""

import pytest
from django.utils.translation import override

from core.models import Event
from tests.moderation_fixtures import staff_login
from tests.transparency.sor_support import FakeDatabase, valid_record
from transparency.models import SorSubmission
from transparency.sor.submit import SUBMITTED, TokenRefused, statements_submit

URL = "/transparency/staff/sor-submissions/"


@pytest.fixture(autouse=True)
def nowhere(settings):
    settings.CANDID_DSA_DB_TOKEN = ""
    settings.CANDID_DSA_DB_URL = "http://127.0.0.1:9"


@pytest.fixture
def database(settings):
    with FakeDatabase() as fake:
        settings.CANDID_DSA_DB_URL = fake.url
        settings.CANDID_DSA_DB_TOKEN = fake.token
        yield fake


def records(n):
    return [valid_record(puid=f"candid-decision-{i}") for i in range(1, n + 1)]


def outcomes() -> dict[str, SorSubmission]:
    return {row.puid: row for row in SorSubmission.objects.all()}


def test_accepted_statements_are_kept_with_the_databases_uuid(db, database):
    statements_submit(records=records(2))
    rows = outcomes()
    assert {r.outcome for r in rows.values()} == {"accepted"}
    for row in rows.values():
        assert row.database_uuid and row.sent_at is not None
        assert row.reason == {}
    assert set(rows) == set(database.stored)
    assert Event.objects.filter(kind=SUBMITTED).count() == 1  # the event is kept too


def test_present_and_refused_statements_are_kept_with_the_reason(db, database):
    database.stored["candid-decision-1"] = {}
    batch = records(3)
    batch[2]["category"] = "STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE"  # a v1 category
    statements_submit(records=batch)
    rows = outcomes()
    assert rows["candid-decision-3"].outcome == "refused"
    assert "category" in rows["candid-decision-3"].reason
    assert rows["candid-decision-3"].database_uuid == ""
    assert rows["candid-decision-1"].outcome == "already_present"
    assert rows["candid-decision-2"].outcome == "accepted"
    assert SorSubmission.objects.count() == 3


def test_each_attempt_is_a_row_of_its_own(db, database):
    batch = records(1)
    batch[0]["category"] = "STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE"
    statements_submit(records=batch)
    statements_submit(records=records(1))  # corrected and sent again
    attempts = SorSubmission.objects.filter(puid="candid-decision-1").order_by("pk")
    assert [a.outcome for a in attempts] == ["refused", "accepted"]


def test_a_refused_token_keeps_no_row(db, database, settings):
    settings.CANDID_DSA_DB_TOKEN = "wrong"
    with pytest.raises(TokenRefused):
        statements_submit(records=records(2))
    assert not SorSubmission.objects.exists()


def test_admins_see_every_outcome(client, database, make_user):
    database.stored["candid-decision-1"] = {}
    batch = records(3)
    batch[2]["category"] = "STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE"
    statements_submit(records=batch)
    staff_login(client, make_user("root", role="admin"))
    html = client.get(URL).content.decode()
    uuid = SorSubmission.objects.get(puid="candid-decision-2").database_uuid
    assert uuid in html
    assert 'data-outcome="refused"' in html and "category" in html
    assert 'data-outcome="already_present" data-count="1"' in html
    refused = client.get(URL, {"outcome": "refused"}).content.decode()
    assert "candid-decision-3" in refused and "candid-decision-2" not in refused
    assert client.get(URL, {"outcome": "bogus"}).status_code == 404


def test_the_page_is_for_admins_with_the_second_factor(client, make_user):
    assert client.get(URL).status_code == 302  # to sign in
    moderator = make_user("mod9", role="moderator")
    staff_login(client, moderator)
    assert client.get(URL).status_code == 403
    admin = make_user("root", role="admin")
    client.force_login(admin)  # signed in, second factor not passed
    assert client.get(URL).status_code in (302, 403)
    staff_login(client, admin)
    assert client.get(URL).status_code == 200


def test_the_page_in_german(client, make_user):
    SorSubmission.objects.create(
        sent_at="2026-03-01T10:00:00Z",
        puid="candid-decision-7",
        outcome="refused",
        reason={"category": ["is not allowed"]},
    )
    staff_login(client, make_user("root", role="admin", language="de"))
    with override("de"):
        html = client.get(URL, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Übermittlungen an die DSA-Transparenzdatenbank" in html
    assert "Abgelehnt" in html


def test_the_moderation_queue_links_the_page_for_admins_only(client, make_user):
    staff_login(client, make_user("mod9", role="moderator"))
    assert URL not in client.get("/moderation/").content.decode()
    staff_login(client, make_user("root", role="admin"))
    assert f'href="{URL}"' in client.get("/moderation/").content.decode()

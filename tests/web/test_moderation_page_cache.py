"""The queue and the case page are built from cached parts (web/views/moderation_common.py)
and still never show a stale page: a new notice, a decision or an owner's edit of the
reported item shows at once. On-commit callbacks are not run here, so the content
generation never moves: what refreshes the pages is what every process reads from the
database (the chain head and the last event). Cached parts never reach anyone who is not
a moderator, and forms always carry the viewer's own CSRF token."""

import re
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from moderation.services.decisions import DecisionInput, decision_issue
from photos.services import photo_update
from tests.moderation_fixtures import staff_login
from tests.web.moderation_support import REMOVAL

REMOVE_FORM = {
    "action": "remove",
    "ground": "rules",
    "rule": "harassment",
    "rule_explanation": "The caption names and mocks a private person.",
    "facts": "Reported by a user; the caption names a private person.",
    "automated_decision": "AUTOMATED_DECISION_NOT_AUTOMATED",
}


@pytest.fixture
def case(photo, report):
    return report(photo).case


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def counted(client, url: str) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        html = page(client, url)
    return html, [q["sql"] for q in captured]


@pytest.mark.parametrize("url", ["/moderation/", "/moderation/?page=1", "case"])
def test_a_warm_page_makes_four_queries_session_user_device_and_log_position(
    client, mod, case, url
):
    url = f"/moderation/cases/{case.pk}/" if url == "case" else url
    staff_login(client, mod)
    _clear_of_the_next_minute()  # the version holds the minute: both requests in one
    cold, cold_queries = counted(client, url)
    warm, warm_queries = counted(client, url)
    assert len(cold_queries) > 6
    assert len(warm_queries) == 4
    assert "django_session" in warm_queries[0] and "accounts_user" in warm_queries[1]
    assert "otp_totp_totpdevice" in warm_queries[2]  # the session's second factor
    assert "core_chainhead" in warm_queries[3] and "core_event" in warm_queries[3]
    assert without_tokens(warm) == without_tokens(cold)


def _clear_of_the_next_minute(margin: float = 15) -> None:
    left = 60 - time.time() % 60
    if left < margin:
        time.sleep(left + 0.1)


def without_tokens(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_queue_shows_a_new_notice_at_once(client, mod, case, report, upload, alice):
    staff_login(client, mod)
    assert page(client, "/moderation/").count("Open case ") == 1
    newer = report(upload(alice, title="Pier at dawn")).case
    html = page(client, "/moderation/")
    assert html.count("Open case ") == 2 and f"Open case {newer.pk}<" in html


def test_case_page_shows_another_notice_at_once(client, mod, case, photo, report, make_user):
    staff_login(client, mod)
    assert page(client, f"/moderation/cases/{case.pk}/").count('class="card notice-item"') == 1
    again = "The same photo, reported a second time."
    report(photo, notifier=make_user("carol"), explanation=again)
    html = page(client, f"/moderation/cases/{case.pk}/")
    assert html.count('class="card notice-item"') == 2
    assert again in html


def test_a_decision_shows_at_once_on_the_case_page_and_the_queue(client, mod, mod2, case, decide):
    staff_login(client, mod2)
    before = page(client, f"/moderation/cases/{case.pk}/")
    assert "Issue decision" in before and "No decision yet." in before
    assert f"Open case {case.pk}<" in page(client, "/moderation/")
    decide(case, moderator=mod)
    after = page(client, f"/moderation/cases/{case.pk}/")
    assert "Issue decision" not in after and "No decision yet." not in after
    assert 'class="card decision-item"' in after and "by mod1" in after
    assert f"Open case {case.pk}<" not in page(client, "/moderation/")


def test_an_owner_edit_of_the_reported_photo_shows_at_once(client, mod, case, photo, alice):
    staff_login(client, mod)
    assert "Harbour at night" in page(client, f"/moderation/cases/{case.pk}/")
    assert "Harbour at night" in page(client, "/moderation/")
    photo_update(
        actor=alice,
        photo=photo,
        title="Harbour, renamed",
        description="Now with a new caption",
        tags=[],
        licence=photo.licence,
        visibility=photo.visibility,
        show_location=False,
    )
    html = page(client, f"/moderation/cases/{case.pk}/")
    assert "Harbour, renamed" in html and "Now with a new caption" in html
    assert "Harbour at night" not in html
    assert "Harbour, renamed" in page(client, "/moderation/")


def test_time_left_is_at_most_a_minute_behind(client, mod, photo, report, time_machine):
    start = timezone.now().replace(second=0, microsecond=0) + timedelta(minutes=1)
    time_machine.move_to(start, tick=False)
    case = report(photo).case  # a 72-hour rules deadline
    staff_login(client, mod)
    assert "3 d 0 h left" in page(client, "/moderation/")
    time_machine.move_to(start + timedelta(seconds=59), tick=False)
    html, queries = counted(client, "/moderation/")
    assert "3 d 0 h left" in html and len(queries) == 4  # reused within the minute
    time_machine.move_to(start + timedelta(seconds=61), tick=False)
    assert "2 d 23 h left" in page(client, "/moderation/")
    assert "2 d 23 h left" in page(client, f"/moderation/cases/{case.pk}/")
    time_machine.move_to(start + timedelta(hours=72, minutes=1), tick=False)
    assert "overdue by 1 min" in page(client, "/moderation/")
    assert "overdue by 1 min" in page(client, f"/moderation/cases/{case.pk}/")


@pytest.mark.parametrize("url", ["/moderation/", "case"])
def test_cached_parts_never_reach_anyone_but_a_moderator(client, mod, bob, alice, case, url):
    url = f"/moderation/cases/{case.pk}/" if url == "case" else url
    staff_login(client, mod)
    assert "Harbour at night" in page(client, url)
    assert "Harbour at night" in page(client, url)  # now served from the cache
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and "/login" in anonymous["Location"]
    assert "Harbour at night" not in anonymous.content.decode()
    for member in (bob, alice):
        other = Client()
        other.force_login(member)
        response = other.get(url)
        assert response.status_code == 403
        assert "Harbour at night" not in response.content.decode()


def test_a_suspended_moderator_no_longer_sees_the_cached_queue(client, mod, mod2, case):
    staff_login(client, mod2)
    assert "Harbour at night" in page(client, "/moderation/")
    type(mod2).objects.filter(pk=mod2.pk).update(suspended_until=timezone.now() + timedelta(days=7))
    response = client.get("/moderation/")
    assert response.status_code == 403 and "Harbour at night" not in response.content.decode()


def test_four_eyes_part_is_rendered_for_each_moderator(photo, report, mod, mod2):
    case = report(photo).case
    case.refresh_from_db()
    decision = decision_issue(
        case=case,
        moderator=mod2,
        data=DecisionInput(**{**REMOVAL, "action": "suspend", "duration_days": 7}),
        expected_version=case.version,
    )
    proposer, approver = Client(), Client()
    staff_login(proposer, mod2)
    staff_login(approver, mod)
    url = f"/moderation/cases/{case.pk}/"
    mine = page(proposer, url)
    assert "Waiting for a second moderator" in mine and "Approve: Suspend" not in mine
    assert f"/moderation/decisions/{decision.pk}/approve/" not in mine
    theirs = page(approver, url)
    assert "Waiting for a second moderator" not in theirs and "Approve: Suspend" in theirs
    assert "yours</span>" in page(proposer, "/moderation/")
    assert "yours</span>" not in page(approver, "/moderation/")


def test_every_form_carries_the_viewers_own_csrf_token(photo, report, mod, mod2):
    """mod2 renders the page first; mod's copy, with the cached parts, must still post."""
    case = report(photo).case
    first = Client(enforce_csrf_checks=True)
    staff_login(first, mod2)
    page(first, f"/moderation/cases/{case.pk}/")
    second = Client(enforce_csrf_checks=True)
    staff_login(second, mod)
    html = page(second, f"/moderation/cases/{case.pk}/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    case.refresh_from_db()
    data = {**REMOVE_FORM, "expected_version": case.version, "csrfmiddlewaretoken": token}
    response = second.post(f"/moderation/cases/{case.pk}/", data)
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state != "open"

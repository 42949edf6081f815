"""The queue stays under 20 queries and the case page under 24, and the queue's count does not grow
with its length (issue 3, Performance)."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from moderation.models import Case
from moderation.services.appeals import appeal_submit
from moderation.services.decisions import decision_issue
from moderation.services.notices import notice_submit
from moderation.services.targets import Target
from moderation.services.upkeep import cases_escalate
from social.services import comment_post
from tests.moderation_fixtures import staff_login
from tests.web.moderation_support import REMOVAL

LIMIT = 20
# The case page also shows the evidence of issue 17 before deciding: the owner's strikes and
# other cases, copies of the photo, the same wave of notices, the statement templates.
CASE_LIMIT = 24


@pytest.fixture
def fill(alice, bob, upload, small_jpeg, make_user):
    """fill(n): n open cases about photos, comments and profiles, notices of both grounds;
    also a pending four-eyes decision and an open appeal for the side lists."""
    made = []

    def grow(n: int):
        for _ in range(n):
            i = len(made)
            photo = upload(alice, small_jpeg(seed=i), title=f"Photo {i}")
            kind, obj = [("photo", photo), ("comment", None), ("profile", None)][i % 3]
            if kind == "comment":
                obj = comment_post(author=bob, photo_id=photo.pk, body=f"comment {i}")
            if kind == "profile":
                obj = make_user(f"member{i}")
            target = Target(kind, obj)
            notice_submit(
                target=target,
                ground="rules",
                rule_code="spam",
                explanation="Advertising in every caption.",
                notifier=bob,
            )
            notice_submit(
                target=target,
                ground="illegal",
                country="DE",
                law="§185 StGB",
                good_faith=True,
                explanation="An insult under German law.",
                notifier_name="Eve",
                notifier_email=f"eve{i}@example.org",
            )
            made.append(obj)

    return grow


@pytest.fixture
def side_lists(alice, upload, small_jpeg, mod, mod2, report, decide):
    from moderation.services.decisions import DecisionInput

    removed = decide(report(upload(alice, small_jpeg(seed=900))).case)
    appeal_submit(decision=removed, appellant=alice, explanation="Nobody is named here.")
    case = report(upload(alice, small_jpeg(seed=901))).case
    case.refresh_from_db()
    decision_issue(
        case=case,
        moderator=mod2,
        data=DecisionInput(**{**REMOVAL, "action": "suspend", "duration_days": 7}),
        expected_version=case.version,
    )


def queries(client, url: str) -> int:
    """Queries of a cold page: its cached parts (web/views/moderation_common.py) dropped."""
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def test_queue_query_count_is_the_same_for_5_and_30_cases(
    client, mod, fill, side_lists, django_assert_max_num_queries
):
    staff_login(client, mod)
    fill(5)
    with django_assert_max_num_queries(LIMIT):
        small = queries(client, "/moderation/")
    fill(25)
    assert Case.objects.filter(state="open").count() == 30
    with django_assert_max_num_queries(LIMIT):
        response = client.get("/moderation/")
    page = response.content.decode()
    assert page.count('class="button" href="/moderation/cases/') == 30
    assert "Awaiting a second moderator (1)" in page and "Open appeals (1)" in page
    assert queries(client, "/moderation/") == small


def test_queue_is_paginated(client, mod, fill):
    staff_login(client, mod)
    fill(31)
    first = client.get("/moderation/").content.decode()
    second = client.get("/moderation/?page=2").content.decode()
    assert first.count("Open case ") == 30 and second.count("Open case ") == 1
    assert 'rel="next"' in first


def test_queue_is_ordered_by_deadline_with_overdue_first(
    client, mod, alice, upload, small_jpeg, time_machine
):
    """NetzDG manifestly illegal: 24 h; community rules: 72 h (policy); other illegal: 7 d."""
    start = timezone.now()
    time_machine.move_to(start, tick=False)
    illegal = _notice(upload(alice, small_jpeg(seed=1)), ground="illegal").case
    rules = _notice(upload(alice, small_jpeg(seed=2)), ground="rules").case
    manifest = _notice(upload(alice, small_jpeg(seed=3)), ground="illegal", manifest=True).case
    time_machine.move_to(start + timedelta(days=2), tick=False)
    staff_login(client, mod)
    page = client.get("/moderation/").content.decode()
    positions = [page.index(f"Open case {case.pk}<") for case in (manifest, rules, illegal)]
    assert positions == sorted(positions)
    assert page.count("Overdue</span>") == 1 and "overdue by 1 d 0 h" in page
    assert "1 d 0 h left" in page and "5 d 0 h left" in page
    assert "Escalated</span>" not in page
    assert cases_escalate() == 1  # only the overdue one is within the escalation lead time
    page = client.get("/moderation/").content.decode()
    assert page.count('<span class="badge warn">Escalated</span>') == 1


def _notice(photo, ground: str, manifest: bool = False):
    fields = (
        {"rule_code": "spam"}
        if ground == "rules"
        else {"country": "DE", "law": "§185 StGB", "good_faith": True, "netzdg_manifest": manifest}
    )
    return notice_submit(
        target=Target("photo", photo),
        ground=ground,
        explanation="Please look at this item.",
        notifier_name="Eve",
        notifier_email="eve@example.org",
        **fields,
    )


def test_case_page_stays_under_24_queries(
    client, mod2, alice, upload, small_jpeg, report, decide, django_assert_max_num_queries
):
    old = upload(alice, small_jpeg(seed=5), title="Old")
    decide(report(old).case)  # a strike, so a proposal is computed
    photo = upload(alice, small_jpeg(seed=6), title="New")
    for i in range(6):
        notice = report(photo, explanation=f"Report number {i} about this photo.")
    staff_login(client, mod2)
    with django_assert_max_num_queries(CASE_LIMIT):
        response = client.get(f"/moderation/cases/{notice.case_id}/")
    assert response.content.decode().count('class="card notice-item"') == 6

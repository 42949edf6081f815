"""Two people doing the same thing at once, on two real database connections: two
moderators deciding one case, one party appealing twice, one notifier reporting twice.
Exactly one wins; the other gets a clear message (or the winner's result); the
transparency reports count the thing once."""

import threading
import time
from collections.abc import Callable

import pytest
from django.db import connection, transaction
from django.utils import timezone

from core.errors import ServiceError
from core.models import ChainHead, Event
from moderation.models import Appeal, Decision, Notice
from moderation.services.appeals import appeal_decide, appeal_submit
from moderation.services.decisions import (
    DecisionInput,
    decision_approve,
    decision_issue,
    decision_reject,
)
from moderation.services.notices import notice_submit
from moderation.services.targets import Target
from transparency.reports.dsa import dsa_report


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("row locks are exercised on PostgreSQL; SQLite serialises writers")


def race(*calls: Callable[[], object]) -> list:
    """Runs each call in its own thread and connection, all at once, and returns each
    call's result or the message of the ServiceError it raised. To make the overlap
    certain, the event chain head (which every service locks last, to log its event) is
    held until every call is waiting for a lock: each has done what it does before."""
    outcomes = [None] * len(calls)

    def run(index: int, call: Callable[[], object]) -> None:
        try:
            outcomes[index] = call()
        except ServiceError as exc:
            outcomes[index] = exc.message
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(calls)]
    ChainHead.objects.get_or_create(pk=1)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT seq FROM core_chainhead WHERE id = 1 FOR UPDATE")
        for thread in threads:
            thread.start()
        _until_waiting(cursor, len(calls))
    for thread in threads:
        thread.join(10)
    return outcomes


def _until_waiting(cursor, count: int) -> None:
    for _ in range(200):
        cursor.execute(WAITING)
        if cursor.fetchone()[0] >= count:
            return
        time.sleep(0.05)
    raise AssertionError(f"{count} sessions never waited for a lock together")


WAITING = "SELECT count(DISTINCT pid) FROM pg_locks WHERE NOT granted"


def complaints_submitted() -> int:
    table = {t.key: t for t in dsa_report(f"{timezone.now():%Y}").tables}
    for row in table["7_appeals_and_recidivism"].rows:
        if row[4].startswith("Number of complaints submitted") and row[5] == "Total number":
            return row[6]
    raise AssertionError("no row for the complaints submitted")


@pytest.mark.django_db(transaction=True)
def test_two_moderators_cannot_both_decide_one_case(postgresql, photo, report, mod, mod2):
    case = report(photo).case

    def decide(moderator):
        return lambda: decision_issue(
            case=case,
            moderator=moderator,
            expected_version=case.version,
            data=DecisionInput(action="no_action", facts="Looked at the photo; nothing wrong."),
        )

    outcomes = race(decide(mod), decide(mod2))
    assert sum(isinstance(o, Decision) for o in outcomes) == 1
    assert any("changed while you were looking" in str(o) and "Reload" in str(o) for o in outcomes)
    assert Decision.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_second_moderators_at_once_one_approves_the_other_is_told(
    postgresql, alice, report, decide, mod2, mod3
):
    proposal = decide(report(Target("profile", alice)).case, action="suspend", duration_days=7)
    outcomes = race(
        lambda: decision_approve(decision=proposal, approver=mod2),
        lambda: decision_reject(decision=proposal, approver=mod3, reason="Too harsh for this."),
    )
    assert sum(isinstance(o, Decision) for o in outcomes) == 1
    assert any("meanwhile" in str(o) and "Reload" in str(o) for o in outcomes)
    proposal.refresh_from_db()
    assert proposal.state in ("in_force", "rejected")


@pytest.mark.django_db(transaction=True)
def test_two_moderators_deciding_one_appeal_at_once_one_wins(
    postgresql, photo, alice, report, decide, mod2, mod3
):
    decision = decide(report(photo).case)
    appeal = appeal_submit(decision=decision, appellant=alice, explanation="It is my photo.")

    def decide_appeal(moderator, outcome):
        reasons = "Looked at the photo again with fresh eyes."
        return lambda: appeal_decide(
            appeal=appeal, moderator=moderator, outcome=outcome, reasons=reasons
        )

    outcomes = race(decide_appeal(mod2, "upheld"), decide_appeal(mod3, "reversed"))
    assert sum(isinstance(o, Appeal) for o in outcomes) == 1
    assert any("decided this appeal meanwhile" in str(o) for o in outcomes)
    assert Event.objects.filter(kind="moderation.appeal_decided").count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_appeals_by_one_party_store_and_count_one(
    postgresql, photo, alice, report, decide
):
    decision = decide(report(photo).case)

    def appeal():
        return appeal_submit(
            decision=decision, appellant=alice, explanation="It is my own harbour photo."
        )

    outcomes = race(appeal, appeal)
    assert sum(isinstance(o, Appeal) for o in outcomes) == 1
    assert "You already have an open appeal against this decision." in outcomes
    assert Appeal.objects.count() == 1
    assert complaints_submitted() == 1


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_identical_notices_store_one_and_both_get_its_reference(
    postgresql, photo, bob
):
    def report():
        return notice_submit(
            target=Target("photo", photo),
            ground="rules",
            rule_code="harassment",
            explanation="This photo targets a person repeatedly.",
            notifier=bob,
        )

    first, second = race(report, report)
    assert Notice.objects.count() == 1
    assert first.reference == second.reference == Notice.objects.get().reference

"""Two moderators deciding the same case at once: exactly one wins (row lock + version)."""

import threading

import pytest
from django.db import connection

from core.errors import ServiceError
from moderation.models import Decision
from moderation.services.decisions import DecisionInput, decision_issue


@pytest.mark.django_db(transaction=True)
def test_two_moderators_cannot_both_decide_one_case(photo, report, mod, mod2):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are exercised on PostgreSQL; SQLite serialises writers")
    case = report(photo).case
    barrier, outcomes = threading.Barrier(2), []

    def decide(moderator):
        barrier.wait()
        try:
            decision_issue(
                case=case,
                moderator=moderator,
                expected_version=case.version,
                data=DecisionInput(action="no_action", facts="Looked at the photo; nothing wrong."),
            )
            outcomes.append("decided")
        except ServiceError as exc:
            outcomes.append(exc.message)
        finally:
            connection.close()

    threads = [threading.Thread(target=decide, args=(m,)) for m in (mod, mod2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("decided") == 1
    assert any("changed while you were looking" in outcome for outcome in outcomes)
    assert Decision.objects.count() == 1

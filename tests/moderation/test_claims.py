"""Claims (issue 17): two moderators claiming one case at the same moment, on two real
PostgreSQL connections: the case row lock lets one claim it, the other is told who has it."""

import threading

import pytest
from django.db import connection, transaction

from core.errors import ServiceError
from core.models import Event
from moderation.models import Case
from moderation.services.claims import case_claim
from tests.moderation.test_concurrency import _until_waiting


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("row locks are exercised on PostgreSQL; SQLite serialises writers")


@pytest.mark.django_db(transaction=True)
def test_two_moderators_claiming_at_once_one_gets_it(postgresql, photo, report, mod, mod2):
    case = report(photo).case
    outcomes = {}

    def claim(moderator):
        try:
            outcomes[moderator.username] = case_claim(case=case, moderator=moderator).claimed_by
        except ServiceError as error:
            outcomes[moderator.username] = error.message
        finally:
            connection.close()

    threads = [threading.Thread(target=claim, args=(m,)) for m in (mod, mod2)]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT id FROM moderation_case WHERE id = %s FOR UPDATE", [case.pk])
        for thread in threads:
            thread.start()
        _until_waiting(cursor, 2)
    for thread in threads:
        thread.join(10)
    winner = Case.objects.get(pk=case.pk).claimed_by
    loser = mod2 if winner == mod else mod
    assert outcomes[winner.username] == winner
    assert outcomes[loser.username] == f"{winner.username} is working on this case."
    assert Event.objects.filter(kind="casework.case_claimed").count() == 1

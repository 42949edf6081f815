"""Intake's journal (federation/inbox_journal.py): activities kept in a file before the
202 reach InboxMessage whole, once and in order, however a move or a process ends.
tests/worker/test_inbox_journal_crash.py kills a real process with SIGKILL."""

import json
import logging
import os
import time

import pytest

from federation import inbox_journal, inbox_store
from federation.inbox_journal import Journal, journal_move, orphans_move
from federation.intake import activity_receive
from federation.models import InboxJournal, InboxMessage
from tests.federation.test_performance import INBOX, _kw, _signed_like

ACTOR = "https://peer.test/users/bob"


def _row(n: int) -> tuple:
    activity = {"id": f"{ACTOR}#likes/{n}", "type": "Like", "actor": ACTOR, "object": "ö"}
    return (time.time(), ACTOR, f"{ACTOR}#main-key", "Like", json.dumps(activity))


def _stored_ids() -> list[str]:
    return [a["id"] for a in InboxMessage.objects.order_by("pk").values_list("activity", flat=True)]


@pytest.fixture
def queued(settings, monkeypatch):
    """A worker's queue (django-tasks-db), which the journal is for; the last drain this
    process queued is forgotten."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(inbox_store, "_drain_queued_at", 0.0)


@pytest.fixture
def journal(tmp_path, queued):
    opened = Journal.create(tmp_path)
    yield opened
    if not opened.closed:
        os.close(opened.descriptor)


@pytest.mark.django_db
def test_appended_activities_reach_the_table_whole_once_and_in_order(journal):
    received_at = time.time()
    for n in range(3):
        journal.append(_row(n))
    assert InboxMessage.objects.count() == 0  # kept in the file until moved

    assert journal.move() == 3
    assert journal.move() == 0  # nothing twice
    assert _stored_ids() == [f"{ACTOR}#likes/{n}" for n in range(3)]
    message = InboxMessage.objects.first()
    assert (message.actor_uri, message.key_id, message.activity_type, message.state) == (
        ACTOR,
        f"{ACTOR}#main-key",
        "Like",
        InboxMessage.State.RECEIVED,
    )
    assert message.activity["object"] == "ö"
    assert abs(message.received_at.timestamp() - received_at) < 5
    assert InboxJournal.objects.get(name=journal.name).moved == journal.path.stat().st_size


@pytest.mark.django_db
def test_a_move_that_fails_halfway_keeps_what_it_stored_and_moves_the_rest_once(
    journal, monkeypatch
):
    monkeypatch.setattr(inbox_journal, "BATCH", 2)
    for n in range(5):
        journal.append(_row(n))
    batches = []

    def insert_then_fail(rows):
        batches.append(rows)
        if len(batches) == 2:
            raise RuntimeError("the database went away")
        inbox_store.messages_insert(rows)

    monkeypatch.setattr(inbox_journal, "messages_insert", insert_then_fail)
    with pytest.raises(RuntimeError):
        journal.move()
    assert len(_stored_ids()) == 2
    assert InboxJournal.objects.get(name=journal.name).moved == journal.moved

    monkeypatch.setattr(inbox_journal, "messages_insert", inbox_store.messages_insert)
    assert journal.move() == 3
    assert _stored_ids() == [f"{ACTOR}#likes/{n}" for n in range(5)]


@pytest.mark.django_db
def test_the_upkeep_moves_what_a_dead_process_left_and_deletes_its_journal(
    federating, journal, tmp_path
):
    from federation.upkeep import federation_upkeep

    federating.CANDID_FEDERATION_INBOX_JOURNAL_DIR = tmp_path
    for n in range(4):
        journal.append(_row(n))
    journal.move()
    for n in range(4, 7):
        journal.append(_row(n))
    os.close(journal.descriptor)  # the process is gone: the kernel drops its lock
    journal.closed = True

    assert federation_upkeep()["journals_moved"] == 3
    assert _stored_ids() == [f"{ACTOR}#likes/{n}" for n in range(7)]
    assert not journal.path.exists() and not InboxJournal.objects.exists()


@pytest.mark.django_db
def test_a_long_journal_is_replaced_once_wholly_moved(journal, monkeypatch):
    monkeypatch.setattr(inbox_journal, "ROTATE_BYTES", 1)
    first = journal.path
    for n in range(2):
        journal.append(_row(n))
    assert not journal.rotate()  # not moved yet: kept

    journal.move()
    assert journal.rotate()
    assert not first.exists() and journal.path.exists() and journal.path != first
    assert not InboxJournal.objects.filter(name=first.name).exists()
    journal.append(_row(2))
    assert journal.move() == 1
    assert _stored_ids() == [f"{ACTOR}#likes/{n}" for n in range(3)]
    assert InboxJournal.objects.get(name=journal.name).moved == journal.path.stat().st_size


@pytest.mark.django_db
def test_a_live_process_journal_is_left_to_it(journal, tmp_path):
    journal.append(_row(1))

    assert orphans_move(tmp_path) == 0
    assert journal.path.exists() and InboxMessage.objects.count() == 0


@pytest.mark.django_db
def test_a_torn_or_damaged_end_of_a_dead_journal_is_dropped_and_logged(journal, tmp_path, caplog):
    for n in range(2):
        journal.append(_row(n))
    damaged = bytearray(inbox_journal._encoded(_row(2)))
    damaged[-3] ^= 0xFF
    os.write(journal.descriptor, bytes(damaged) + inbox_journal._encoded(_row(3))[:-7])
    os.close(journal.descriptor)
    journal.closed = True

    with caplog.at_level(logging.ERROR, logger="candid.federation"):
        assert orphans_move(tmp_path) == 2
    assert _stored_ids() == [f"{ACTOR}#likes/{n}" for n in range(2)]
    assert "torn bytes" in caplog.text and not journal.path.exists()


@pytest.fixture
def journal_intake(settings, tmp_path, monkeypatch, queued):
    """Intake as with a worker, the journal on in tmp_path, its thread not started: the
    test moves it."""
    settings.CANDID_FEDERATION_INBOX_JOURNAL = True
    settings.CANDID_FEDERATION_INBOX_JOURNAL_DIR = tmp_path
    monkeypatch.setattr(inbox_journal, "_journal", None)
    monkeypatch.setattr(inbox_journal, "_mover", lambda journal: None)
    yield
    if inbox_journal._journal is not None:
        inbox_journal._journal.close()


@pytest.mark.django_db
def test_intake_with_a_worker_answers_from_the_journal_and_the_move_queues_the_drain(
    federating, bob_stored, journal_intake
):
    from django_tasks_db.models import DBTaskResult

    from federation.processing import DRAIN_TASK

    actor, private_pem = bob_stored
    received = activity_receive(
        method="POST", url=INBOX, **_kw(*_signed_like(actor, private_pem, 1))
    )

    assert (received.pk, received.actor_uri, received.activity_type) == (None, actor.uri, "Like")
    assert InboxMessage.objects.count() == 0
    assert not DBTaskResult.objects.exists()
    assert journal_move() == 1
    assert _stored_ids() == [f"{actor.uri}#likes/1"]
    assert list(DBTaskResult.objects.values_list("task_path", flat=True)) == [DRAIN_TASK]


@pytest.mark.django_db
def test_intake_with_the_journal_off_stores_each_activity_at_once(
    federating, bob_stored, journal_intake, settings
):
    settings.CANDID_FEDERATION_INBOX_JOURNAL = False
    actor, private_pem = bob_stored
    received = activity_receive(
        method="POST", url=INBOX, **_kw(*_signed_like(actor, private_pem, 1))
    )

    assert InboxMessage.objects.get(pk=received.pk).activity["id"] == f"{actor.uri}#likes/1"
    assert inbox_journal._journal is None

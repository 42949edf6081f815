"""The verifier names the exact place where the stored log was altered, extended or cut."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from core.events import event_record
from core.models import ChainHead, Event
from transparency.selectors import public_log, verify_stored_log


@pytest.fixture
def log(db):
    for i in range(5):
        with transaction.atomic():
            event_record(
                kind="moderation.notice_received",
                data={"notice_id": i, "ground": "rules"},
                private={"notifier_email": f"n{i}@example.org"},
            )
    with transaction.atomic():
        event_record(kind="photo.uploaded", data={"licence": "cc0"})
    return list(Event.objects.filter(chain_seq__isnull=False).order_by("chain_seq"))


def test_intact_chain_verifies_and_holds_no_personal_data(log, capsys):
    call_command("verify_event_log")
    assert "OK: 5 events" in capsys.readouterr().out
    exported = list(public_log())
    assert [e["seq"] for e in exported] == [1, 2, 3, 4, 5]
    assert "example.org" not in json.dumps(exported)
    assert ChainHead.objects.get().hash == exported[-1]["hash"]


def test_altered_event_is_named(log):
    Event.objects.filter(pk=log[2].pk).update(data={"notice_id": 2, "ground": "illegal"})
    verdict = verify_stored_log()
    assert not verdict.ok and verdict.at_seq == 3 and "altered" in verdict.problem


def test_missing_event_is_named(log):
    Event.objects.filter(pk=log[1].pk).delete()
    verdict = verify_stored_log()
    assert not verdict.ok and verdict.at_seq == 2 and "missing" in verdict.problem


def test_inserted_event_is_named(log):
    for event in reversed(log[3:]):
        Event.objects.filter(pk=event.pk).update(chain_seq=event.chain_seq + 1)
    forged = Event.objects.create(
        kind="moderation.notice_received",
        data={"notice_id": 99},
        chain_seq=4,
        prev_hash=log[2].hash,
        hash="f" * 64,
    )
    verdict = verify_stored_log()
    assert not verdict.ok and verdict.at_seq == forged.chain_seq
    assert "inserted" in verdict.problem


def test_cut_off_tail_is_detected_against_the_head(log):
    Event.objects.filter(pk=log[-1].pk).delete()
    verdict = verify_stored_log()
    assert not verdict.ok and verdict.at_seq == 5 and "removed" in verdict.problem


def test_command_fails_and_names_the_event_for_a_tampered_download(log, tmp_path):
    records = list(public_log())
    records[3]["data"]["ground"] = "illegal"
    path = tmp_path / "events.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records))
    with pytest.raises(CommandError, match="#4"):
        call_command("verify_event_log", "--file", str(path))

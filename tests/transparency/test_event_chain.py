"""The verifier names the exact place where the stored log was altered, extended or cut."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction

from core import chain, chain_check
from core.events import event_record, events_record, public_form
from core.models import ChainHead, Event
from transparency.selectors import public_log
from transparency.verification import verify_stored_log


@pytest.fixture
def log(db):
    return record_log()


def record_log() -> list[Event]:
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
    altered = log[2].public.replace('"ground":"rules"', '"ground":"illegal"')
    Event.objects.filter(pk=log[2].pk).update(public=altered, data=json.loads(altered)["data"])
    verdict = verify_stored_log()
    assert not verdict.ok and verdict.at_seq == 3 and "altered" in verdict.problem


def without_constraint():
    """On PostgreSQL, drop the constraint that holds the columns (rolled back with the
    test's transaction); SQLite never has it."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # ALTER waits for no trigger
            cursor.execute(chain_check.DROP)


def test_altered_columns_are_named_where_no_constraint_holds_them(log):
    without_constraint()
    Event.objects.filter(pk=log[2].pk).update(data={"notice_id": 2, "ground": "illegal"})
    verdict = verify_stored_log()
    assert not verdict.ok and verdict.at_seq == 3
    assert "columns differ from its hashed public form: altered" in verdict.problem


def test_without_the_constraint_an_intact_log_verifies_row_by_row(log):
    without_constraint()
    verdict = verify_stored_log()
    assert verdict.ok and verdict.checked == 5 and "each row was compared" in verdict.note


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL constraint")
def test_postgresql_refuses_columns_that_differ_from_the_public_form(log):
    assert chain_check.constraint_intact()
    with pytest.raises(IntegrityError, match=chain_check.NAME), transaction.atomic():
        Event.objects.filter(pk=log[2].pk).update(data={"notice_id": 2, "ground": "illegal"})
    assert verify_stored_log().ok and not verify_stored_log().note


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL constraint")
def test_a_weakened_constraint_under_the_same_name_does_not_count(log):
    without_constraint()
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE core_event ADD CONSTRAINT {chain_check.NAME} CHECK (true)")
    assert not chain_check.constraint_intact()
    Event.objects.filter(pk=log[2].pk).update(data={"notice_id": 2, "ground": "illegal"})
    verdict = verify_stored_log()
    assert not verdict.ok and verdict.at_seq == 3 and "columns differ" in verdict.problem


def test_missing_event_is_named(log):
    Event.objects.filter(pk=log[1].pk).delete()
    verdict = verify_stored_log()
    assert not verdict.ok and verdict.at_seq == 2 and "missing" in verdict.problem


def renumbered(event: Event, seq: int) -> dict:
    """The columns of `event` moved to sequence number `seq`, public form included."""
    form = {**json.loads(event.public), "seq": seq}
    return {"chain_seq": seq, "public": chain.canonical_bytes(form).decode()}


def test_inserted_event_is_named(log):
    for event in reversed(log[3:]):
        Event.objects.filter(pk=event.pk).update(**renumbered(event, event.chain_seq + 1))
    forged = Event(kind="moderation.notice_received", data={"notice_id": 99}, chain_seq=4)
    forged.public = chain.canonical_bytes(public_form(forged)).decode()
    forged.prev_hash, forged.hash = log[2].hash, "f" * 64
    forged.save()
    verdict = verify_stored_log()
    assert not verdict.ok and verdict.at_seq == forged.chain_seq
    assert "inserted" in verdict.problem


def test_cut_off_tail_is_detected_against_the_head(log):
    Event.objects.filter(pk=log[-1].pk).delete()
    verdict = verify_stored_log()
    assert not verdict.ok and verdict.at_seq == 5 and "removed" in verdict.problem


def test_a_byte_changed_in_a_downloaded_line_is_named(log, tmp_path, client):
    lines = b"".join(client.get("/transparency/events.jsonl").streaming_content).splitlines()
    lines[3] = lines[3].replace(b'"ground":"rules"', b'"ground":"RULES"')
    path = tmp_path / "events.jsonl"
    path.write_bytes(b"\n".join(lines))
    with pytest.raises(CommandError, match="BROKEN at event #4: .*altered"):
        call_command("verify_event_log", "--file", str(path))


def test_a_reformatted_download_still_verifies(log, tmp_path, capsys):
    path = tmp_path / "events.jsonl"
    path.write_text(
        "\n".join(json.dumps(record, indent=1).replace("\n", "") for record in public_log())
    )
    call_command("verify_event_log", "--file", str(path))
    assert "OK: 5 events" in capsys.readouterr().out


def test_command_fails_and_names_the_event_for_a_tampered_download(log, tmp_path):
    records = list(public_log())
    records[3]["data"]["ground"] = "illegal"
    path = tmp_path / "events.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records))
    with pytest.raises(CommandError, match="BROKEN at event #4: .*altered"):
        call_command("verify_event_log", "--file", str(path))


def test_an_intact_download_is_verified_by_hashing_slices_without_parsing(log, client, monkeypatch):
    download = b"".join(client.get("/transparency/events.jsonl").streaming_content)
    lines = download.splitlines(keepends=True)

    def no_parsing(*args, **kwargs):
        raise AssertionError("the fast path parsed a line")

    monkeypatch.setattr(chain.json, "loads", no_parsing)
    verdict = chain.verify_lines(lines)
    assert verdict.ok and verdict.checked == 5 and verdict.head_hash == log[-1].hash


def test_events_recorded_together_link_in_order_under_one_head(log):
    with transaction.atomic():
        first, plain, second = events_record(
            [
                {"kind": "moderation.case_opened", "data": {"case_id": 7}},
                {"kind": "photo.uploaded", "data": {"licence": "cc0"}},
                {"kind": "moderation.notice_received", "data": {"notice_id": 9}},
            ]
        )
    assert (first.chain_seq, second.chain_seq, plain.chain_seq) == (6, 7, None)
    assert first.prev_hash == log[-1].hash and second.prev_hash == first.hash
    stored = Event.objects.get(pk=second.pk)
    assert (stored.chain_seq, stored.hash, stored.public) == (7, second.hash, second.public)
    assert ChainHead.objects.get().hash == second.hash
    verdict = verify_stored_log()
    assert verdict.ok and verdict.checked == 7


def test_a_changed_link_to_the_previous_event_is_named(log):
    Event.objects.filter(pk=log[3].pk).update(prev_hash="e" * 64)
    verdict = verify_stored_log()
    assert not verdict.ok and verdict.at_seq == 4
    assert "link to the previous event does not match" in verdict.problem


def test_a_hash_that_is_not_hexadecimal_is_named(log):
    Event.objects.filter(pk=log[1].pk).update(hash="not a hash")
    verdict = verify_stored_log()
    assert not verdict.ok and verdict.at_seq == 2 and "altered" in verdict.problem


def test_an_event_beyond_the_head_is_named(log):
    forged = Event(kind="moderation.notice_received", data={"notice_id": 99}, chain_seq=6)
    forged.public = chain.canonical_bytes(public_form(forged)).decode()
    forged.prev_hash = log[-1].hash
    forged.hash = chain.link_hash_of(forged.prev_hash, forged.public.encode())
    forged.save()
    verdict = verify_stored_log()
    assert not verdict.ok and verdict.at_seq == 6
    assert "beyond the chain head #5: inserted" in verdict.problem


def test_an_event_appended_after_the_head_was_read_is_left_for_the_next_run(log, monkeypatch):
    from transparency import verification

    head_before = verification.chain_head()

    def head_read_before_the_append():
        monkeypatch.setattr(verification, "chain_head", lambda: ChainHead.objects.get())
        return head_before

    monkeypatch.setattr(verification, "chain_head", head_read_before_the_append)
    with transaction.atomic():
        event_record(kind="moderation.notice_received", data={"notice_id": 6})
    verdict = verify_stored_log()
    assert verdict.ok and verdict.checked == 5 and verdict.head_hash == head_before.hash


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL hashes the links")
@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_two_checks_run_side_by_side(monkeypatch):
    from transparency import verification

    log = record_log()
    second_connection = []
    on_own_connection = verification._on_own_connection

    def spied(function, *args):
        second_connection.append(function.__name__)
        return on_own_connection(function, *args)

    monkeypatch.setattr(verification, "_on_own_connection", spied)
    assert verify_stored_log().ok
    altered = log[2].public.replace('"ground":"rules"', '"ground":"illegal"')
    Event.objects.filter(pk=log[2].pk).update(public=altered, data=json.loads(altered)["data"])
    verdict = verify_stored_log()
    assert not verdict.ok and verdict.at_seq == 3 and "altered" in verdict.problem
    assert second_connection == ["_bad_hash", "_bad_hash"]


def test_an_empty_log_verifies(db):
    verdict = verify_stored_log()
    assert verdict.ok and verdict.checked == 0 and verdict.head_hash == chain.GENESIS


def test_a_missing_first_event_is_named(log):
    Event.objects.filter(pk=log[0].pk).delete()
    verdict = verify_stored_log()
    assert not verdict.ok and verdict.at_seq == 1 and "missing" in verdict.problem

"""core/mail.py: every message is recorded in its service's transaction and sent once by a
task; a request never talks to the mail server itself."""

import socket

import pytest
from django.core import mail
from django.db import transaction
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.mail import SEND_TASK, mail_after_commit, mail_record, mail_send
from core.models import OutgoingMail

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def record(to=("a@example.org",), body="Your notice 7 was received.", **extra):
    return mail_record(to=list(to), subject="Notice 7", body=body, purpose="test/notice", **extra)


def test_a_message_is_recorded_per_recipient_and_sent_once(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        keys = record(to=["b@example.org", "a@example.org", "", "a@example.org"])
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]
    assert all(len(m.to) == 1 for m in mail.outbox)
    rows = OutgoingMail.objects.order_by("recipient")
    assert [r.recipient for r in rows] == ["a@example.org", "b@example.org"]
    assert all(r.sent_at and r.attempts == 1 for r in rows)
    assert mail_send(key=keys[0]) is False  # a second run of the task sends nothing
    assert len(mail.outbox) == 2


def test_the_same_message_recorded_twice_is_one_row_and_one_mail(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = record()
        again = record()
    assert first == again
    assert OutgoingMail.objects.count() == 1 and len(mail.outbox) == 1


def test_two_objects_alike_in_every_word_are_two_messages(
    db, alice, bob, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for user in (alice, bob):
            mail_after_commit(
                to=["staff@example.org"],
                template="moderation/email/rules_changed",
                context={"ruleset": None, "about": user},
            )
    assert OutgoingMail.objects.count() == 2 and len(mail.outbox) == 2


def test_a_rolled_back_change_records_and_sends_nothing(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            record()
            raise RuntimeError("the service failed after recording its mail")
    assert not OutgoingMail.objects.exists() and mail.outbox == []


def test_the_message_id_is_the_same_for_every_try(db, django_capture_on_commit_callbacks):
    """So a copy sent again after a crash between the server's accept and the sent mark
    is recognisable as the same message."""
    with django_capture_on_commit_callbacks(execute=True):
        (key,) = record()
    assert mail.outbox[0].extra_headers["Message-ID"] == f"<{key}@127.0.0.1>"


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_failed_send_stays_unsent_with_its_error_and_fails_on_the_last_try(db, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port(), 2
    settings.TASKS = DATABASE_TASKS
    (key,) = record()
    with pytest.raises(OSError):
        mail_send(key=key, sender="task-1")
    row = OutgoingMail.objects.get(key=key)
    assert row.sent_at is None and row.failed_at is None and row.attempts == 1
    assert "ConnectionRefusedError" in row.last_error and row.claimed_by == "task-1"
    assert mail_send(key=key, sender="another-task") is False  # held by task-1's retries
    with pytest.raises(OSError):
        mail_send(key=key, sender="task-1", last_try=True)
    row.refresh_from_db()
    assert row.failed_at and row.attempts == 2 and row.claimed_by == ""


def test_with_the_database_worker_a_request_sends_no_mail_itself(
    client, alice, settings, django_capture_on_commit_callbacks
):
    """Password reset was the one mail a request sent inline: now it is a row and a task."""
    settings.TASKS = DATABASE_TASKS
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password-reset/", {"email": alice.email})
    assert response.status_code == 302 and mail.outbox == []
    row = OutgoingMail.objects.get()
    assert row.recipient == alice.email and row.sent_at is None
    assert "/accounts/reset/" in row.body
    task = DBTaskResult.objects.get(task_path=SEND_TASK)
    assert task.status == TaskResultStatus.READY and task.args_kwargs["args"] == [row.key]

"""A real `manage.py worker` process runs the queued tasks: mail reaches a real SMTP
server exactly once, also when the server refuses for a while (the task is retried with
backoff) and when the worker is killed with SIGKILL in the middle of sending (another
worker runs the task again); a task that keeps failing ends FAILED, visibly."""

import os
import signal

from core.mail_tasks import MAIL_ATTEMPTS

RECORD = (
    "from core.mail import mail_record; "
    "print('KEYS', *mail_record(to={to!r}, subject='Your notice', "
    "body='Notice 7 was received.', purpose='test/notice'))"
)
MAIL = "SELECT key, sent_at, failed_at, attempts, last_error FROM core_outgoingmail"
TASKS = "SELECT status, worker_ids, task_path FROM django_tasks_database_dbtaskresult"
SEND = "core.mail_tasks.mail_send_task"


def record(site, *to: str) -> list[str]:
    output = site.shell(RECORD.format(to=list(to)))
    return next(line.split()[1:] for line in output.splitlines() if line.startswith("KEYS"))


def send_tasks(site) -> list[tuple]:
    return [row for row in site.query(TASKS) if row[2] == SEND]


def test_a_worker_process_picks_up_the_tasks_and_each_mail_arrives_once(
    site, smtp, workers, tmp_path
):
    from tests.worker.conftest import Inbox

    inbox = Inbox()
    port = smtp(inbox)
    keys = record(site, "a@example.org", "b@example.org")
    assert [row[0] for row in send_tasks(site)] == ["READY", "READY"]  # queued, not sent
    assert inbox.tries == []
    workers.append(site.worker(tmp_path / "worker.log", EMAIL_PORT=str(port)))

    def upkeep_ran():
        """the first scheduled upkeep, enqueued and run by the worker's scheduler"""
        return [
            r for r in site.query(TASKS) if r[2].endswith("upkeep_task") and r[0] == "SUCCESSFUL"
        ]

    site.wait_for(lambda: len(inbox.accepted) == 2 and upkeep_ran())
    assert sorted(inbox.accepted) == sorted(f"<{key}@127.0.0.1>" for key in keys)
    assert all(sent and not failed for _k, sent, failed, _a, _e in site.query(MAIL))
    assert [row[0] for row in send_tasks(site)] == ["SUCCESSFUL", "SUCCESSFUL"]


def test_a_refused_mail_is_retried_with_backoff_and_arrives_once(site, smtp, workers, tmp_path):
    from tests.worker.conftest import Inbox

    inbox = Inbox(refuse=2)
    port = smtp(inbox)
    (key,) = record(site, "a@example.org")
    workers.append(site.worker(tmp_path / "worker.log", EMAIL_PORT=str(port)))
    site.wait_for(lambda: send_tasks(site)[0][0] == "SUCCESSFUL")
    assert inbox.accepted == [f"<{key}@127.0.0.1>"]
    gaps = [b - a for a, b in zip(inbox.tries, inbox.tries[1:], strict=False)]
    assert len(gaps) == 2 and gaps[0] >= 0.3 and gaps[1] >= 0.6  # 0.3 s, then doubled
    ((_key, sent, failed, attempts, error),) = site.query(MAIL)
    assert sent and not failed and attempts == 3 and "451" in error
    assert len(send_tasks(site)[0][1]) == 3  # three tries


def test_a_mail_refused_on_every_try_ends_failed_after_its_last(site, smtp, workers, tmp_path):
    from tests.worker.conftest import Inbox

    inbox = Inbox(refuse=99)
    port = smtp(inbox)
    record(site, "a@example.org")
    workers.append(site.worker(tmp_path / "worker.log", EMAIL_PORT=str(port)))
    ((status, worker_ids, _path),) = site.wait_for(
        lambda: [t for t in send_tasks(site) if t[0] == "FAILED"], timeout=90
    )
    assert len(worker_ids) == MAIL_ATTEMPTS == len(inbox.tries) and inbox.accepted == []
    gaps = [b - a for a, b in zip(inbox.tries, inbox.tries[1:], strict=False)]
    assert all(gap >= 0.3 * 2**i for i, gap in enumerate(gaps))  # 0.3 s, doubling each time
    ((_key, sent, failed, attempts, error),) = site.query(MAIL)
    assert not sent and failed and attempts == MAIL_ATTEMPTS and "451" in error


def test_a_worker_killed_mid_send_leaves_the_mail_to_another_and_it_arrives_once(
    site, smtp, workers, tmp_path
):
    from tests.worker.conftest import Inbox

    inbox = Inbox(hang_first=True)  # the first delivery is never answered
    port = smtp(inbox)
    (key,) = record(site, "a@example.org")
    first = site.worker(tmp_path / "first.log", EMAIL_PORT=str(port))
    workers.append(first)
    assert inbox.arrived.wait(90), "the first worker never reached the mail server"
    os.kill(first.pid, signal.SIGKILL)
    first.wait(10)
    ((status, worker_ids, _path),) = send_tasks(site)
    assert status == "RUNNING" and len(worker_ids) == 1  # orphaned mid-task
    assert [row[1] for row in site.query(MAIL)] == [None]
    workers.append(site.worker(tmp_path / "second.log", EMAIL_PORT=str(port)))
    site.wait_for(lambda: send_tasks(site)[0][0] == "SUCCESSFUL")
    ((_status, worker_ids, _path),) = send_tasks(site)
    assert len(worker_ids) == 2 and worker_ids[0] != worker_ids[1]
    assert inbox.accepted == [f"<{key}@127.0.0.1>"]
    ((_key, sent, _failed, attempts, _error),) = site.query(MAIL)
    assert sent and attempts == 1

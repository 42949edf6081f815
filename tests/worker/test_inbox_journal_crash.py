"""Intake's journal in real processes (federation/inbox_journal.py): a web process killed
with SIGKILL loses none of the activities it answered 202 to, and none is stored twice;
its thread moves them into the table without waiting for the process to end."""

import json
import signal
import subprocess
from pathlib import Path

import pytest

from tests.worker.test_inbox_drain import RECEIVE

ENV = {"CANDID_FEDERATION": "1", "SITE_URL": "http://127.0.0.1:8000"}
# RECEIVE's four activities; then three more after moving, then the process dies at once.
KILLED = (
    RECEIVE
    + """
from federation.inbox_journal import journal_move
journal_move()
for n in range(4, 7):
    body = json.dumps({"id": f"{actor.uri}#likes/{n}", "type": "Like", "actor": actor.uri,
                       "object": "http://127.0.0.1:8000/photos/999/"}).encode()
    headers = sign_request(method="POST", url=inbox, body=body, key_id=actor.key_id,
                           private_pem=private_pem)
    activity_receive(method="POST", url=inbox, headers=headers, body=body)
import os, signal
os.kill(os.getpid(), signal.SIGKILL)
"""
)
# RECEIVE's four activities, then wait for the thread to move them and leave without
# running the exit handlers (which would move them too).
MOVED_BY_THREAD = (
    RECEIVE
    + """
import os, time
from federation.models import InboxMessage
deadline = time.monotonic() + 30
while InboxMessage.objects.count() < 4 and time.monotonic() < deadline:
    time.sleep(0.05)
os._exit(0 if InboxMessage.objects.count() == 4 else 3)
"""
)
# A later process takes one more activity; its thread first moves the dead one's journal.
NEXT_PROCESS = """
import json, os, time
from federation.intake import activity_receive
from federation.models import InboxMessage, RemoteActor
from federation.signatures import sign_request
from tests.federation.keys import remote_keys

private_pem, public_pem = remote_keys("bob")  # made anew in each process
actor = RemoteActor.objects.get(uri="https://peer.test/users/bob")
actor.public_key_pem = public_pem
actor.save()
inbox = "http://127.0.0.1:8000/inbox/"
body = json.dumps({"id": f"{actor.uri}#likes/7", "type": "Like", "actor": actor.uri,
                   "object": "http://127.0.0.1:8000/photos/999/"}).encode()
headers = sign_request(method="POST", url=inbox, body=body, key_id=actor.key_id,
                       private_pem=private_pem)
activity_receive(method="POST", url=inbox, headers=headers, body=body)
deadline = time.monotonic() + 30
while InboxMessage.objects.count() < 8 and time.monotonic() < deadline:
    time.sleep(0.05)
os._exit(0 if InboxMessage.objects.count() == 8 else 3)
"""
MOVE_ORPHANS = "from federation.inbox_journal import orphans_move; print(orphans_move())"
IDS = "SELECT activity FROM federation_inboxmessage ORDER BY id"


@pytest.fixture
def site(site):
    """The worker conftest's site, without the federation rows an earlier test of this
    module left in a shared PostgreSQL database."""
    for table in ("inboxmessage", "inboxjournal", "remoteactor"):
        site.query(f"DELETE FROM federation_{table}")  # noqa: S608 - our own table names
    return site


def _like_ids(site) -> list[str]:
    return [
        (row[0] if isinstance(row[0], dict) else json.loads(row[0]))["id"].rsplit("/", 1)[1]
        for row in site.query(IDS)
    ]


def test_a_process_killed_after_answering_loses_no_activity_and_repeats_none(site):
    _killed(site)
    before = len(_like_ids(site))
    assert 4 <= before <= 7  # what it had moved before it died

    moved = site.manage("shell", "-c", MOVE_ORPHANS, **ENV).stdout

    assert int(moved.split()[-1]) == 7 - before
    assert _like_ids(site) == [str(n) for n in range(7)]
    assert site.query("SELECT count(*) FROM federation_inboxjournal") == [(0,)]
    journals = Path(site.env["CANDID_DATA_DIR"]) / "inbox-journal"
    assert not list(journals.glob("*.journal"))


def _killed(site) -> None:
    try:
        site.manage("shell", "-c", KILLED, **ENV)
        raise AssertionError("the process was meant to die")
    except subprocess.CalledProcessError as ended:
        assert ended.returncode == -signal.SIGKILL


def test_the_next_process_to_take_an_activity_moves_what_a_killed_one_left(site):
    _killed(site)
    journals = Path(site.env["CANDID_DATA_DIR"]) / "inbox-journal"
    (dead,) = journals.glob("*.journal")

    site.manage("shell", "-c", NEXT_PROCESS, **ENV)

    assert _like_ids(site) == [str(n) for n in range(7)] + ["7"]
    assert not dead.exists() and len(list(journals.glob("*.journal"))) == 1


def test_the_thread_moves_the_journal_while_the_process_runs(site):
    site.manage("shell", "-c", MOVED_BY_THREAD, **ENV)

    assert _like_ids(site) == ["0", "1", "2", "3"]

"""Received activities wait in their table for a real `manage.py worker`: a burst is one
drain task, not a task per activity, and the worker processes every one of them."""

RECEIVE = """
import json
from django.utils import timezone
from federation.intake import activity_receive
from federation.models import RemoteActor
from federation.signatures import sign_request
from tests.federation.keys import remote_keys

private_pem, public_pem = remote_keys("bob")
actor = RemoteActor.objects.create(
    uri="https://peer.test/users/bob", domain="peer.test",
    inbox="https://peer.test/users/bob/inbox", key_id="https://peer.test/users/bob#main-key",
    public_key_pem=public_pem, fetched_at=timezone.now(),
)
inbox = "http://127.0.0.1:8000/inbox/"
for n in range(4):
    body = json.dumps({"id": f"{actor.uri}#likes/{n}", "type": "Like", "actor": actor.uri,
                       "object": "http://127.0.0.1:8000/photos/999/"}).encode()
    headers = sign_request(method="POST", url=inbox, body=body, key_id=actor.key_id,
                           private_pem=private_pem)
    activity_receive(method="POST", url=inbox, headers=headers, body=body)
"""
MESSAGES = "SELECT state FROM federation_inboxmessage"
TASKS = "SELECT status, task_path FROM django_tasks_database_dbtaskresult"
DRAIN = "federation.tasks.inbox_drain_task"


def test_a_worker_drains_a_burst_of_activities_queued_as_one_task(site, workers, tmp_path):
    env = {"CANDID_FEDERATION": "1", "SITE_URL": "http://127.0.0.1:8000"}
    site.manage("shell", "-c", RECEIVE, **env)
    assert [state for (state,) in site.query(MESSAGES)] == ["received"] * 4
    assert [row for row in site.query(TASKS) if row[1].startswith("federation")] == [
        ("READY", DRAIN)
    ]
    workers.append(site.worker(tmp_path / "worker.log", **env))

    def drained():
        """every activity processed by the one drain"""
        states = {state for (state,) in site.query(MESSAGES)}
        return states and "received" not in states

    site.wait_for(drained)
    assert [row for row in site.query(TASKS) if row[1].startswith("federation")] == [
        ("SUCCESSFUL", DRAIN)
    ]

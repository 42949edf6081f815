"""What bench/federation.py found: the costs that do not belong in each delivery or each
received activity."""

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from federation.intake import activity_receive
from federation.keys import private_key
from federation.models import InboxMessage, RemoteActor
from federation.signatures import sign_request
from tests.federation.keys import remote_keys

INBOX = "https://candid.test/inbox/"


def test_a_signing_key_is_parsed_once_per_process():
    """Loading a PEM private key checks the RSA key (~75 ms here): once per key, not per
    delivery."""
    private_pem, _public = remote_keys("sender")
    assert private_key(private_pem) is private_key(private_pem)


@pytest.mark.django_db
def test_intake_reads_the_signing_actor_once(federating, bob_stored):
    actor, private_pem = bob_stored
    body = json.dumps(
        {"id": "https://peer.test/likes/1", "type": "Like", "actor": actor.uri, "object": "x"}
    ).encode()
    headers = sign_request(
        method="POST", url=INBOX, body=body, key_id=actor.key_id, private_pem=private_pem
    )

    with CaptureQueriesContext(connection) as queries:
        message = activity_receive(method="POST", url=INBOX, headers=headers, body=body)

    assert message.actor_uri == actor.uri and InboxMessage.objects.count() == 1
    reads = [q["sql"] for q in queries if 'FROM "federation_remoteactor"' in q["sql"]]
    assert len(reads) == 1, reads


def _signed_like(actor: RemoteActor, private_pem: str, n: int) -> tuple[dict, bytes]:
    body = json.dumps(
        {"id": f"{actor.uri}#likes/{n}", "type": "Like", "actor": actor.uri, "object": "x"}
    ).encode()
    headers = sign_request(
        method="POST", url=INBOX, body=body, key_id=actor.key_id, private_pem=private_pem
    )
    return headers, body


@pytest.mark.django_db
def test_further_activities_of_a_known_key_are_stored_with_no_read(federating, bob_stored):
    """Intake keeps blocked servers and key owners in the process: after the first
    activity, one of the same key costs its INSERT alone, which runs on the driver's
    connection, so Django's query log sees nothing at all."""
    actor, private_pem = bob_stored
    activity_receive(method="POST", url=INBOX, **_kw(*_signed_like(actor, private_pem, 1)))

    with CaptureQueriesContext(connection) as queries:
        second = activity_receive(
            method="POST", url=INBOX, **_kw(*_signed_like(actor, private_pem, 2))
        )

    assert [q["sql"] for q in queries if "SAVEPOINT" not in q["sql"]] == []
    stored = InboxMessage.objects.get(pk=second.pk)
    assert stored.activity["id"] == f"{actor.uri}#likes/2" and stored.key_id == actor.key_id


@pytest.mark.django_db
def test_a_block_saved_here_takes_effect_at_once(federating, bob_stored):
    from federation.domain_measures import MeasureEntry, domain_measure_set
    from federation.intake import Refused

    actor, private_pem = bob_stored
    activity_receive(method="POST", url=INBOX, **_kw(*_signed_like(actor, private_pem, 1)))
    entry = MeasureEntry(domain="peer.test", kind="block", public_reason="Spam")
    domain_measure_set(moderator=None, entry=entry, source="command")
    with pytest.raises(Refused) as refused:
        activity_receive(method="POST", url=INBOX, **_kw(*_signed_like(actor, private_pem, 2)))
    assert refused.value.status == 403


@pytest.mark.django_db
def test_a_message_from_a_server_blocked_after_intake_is_not_acted_on(federating, bob_stored):
    from federation.models import DomainBlock
    from federation.processing import inbox_message_process

    actor, private_pem = bob_stored
    message = activity_receive(
        method="POST", url=INBOX, **_kw(*_signed_like(actor, private_pem, 1))
    )
    # Saved by another process: this one's copy of the blocks does not know yet.
    DomainBlock.objects.bulk_create(
        [DomainBlock(domain="peer.test", kind="block", public_reason="Spam")]
    )
    assert inbox_message_process(message.pk) == "from a blocked server"
    assert InboxMessage.objects.get(pk=message.pk).state == InboxMessage.State.IGNORED


@pytest.mark.django_db
def test_a_changed_key_is_fetched_again_not_refused(federating, peer, client):
    """The kept key is stale after the actor's key changed elsewhere: the signature fails
    with it, the actor is fetched anew and the activity accepted."""
    from tests.federation.conftest import SITE

    peer.actor("bob")
    document = peer.documents["/users/bob"]
    follow = {"type": "Follow", "actor": document["id"], "object": f"{SITE}/u/nobody/"}
    assert peer.signed_post(client, "/inbox/", follow, name="bob", site=SITE).status_code == 202
    _old_private, old_public = remote_keys("bob")
    new_private, new_public = remote_keys("bob-rotated")
    document["publicKey"]["publicKeyPem"] = new_public
    RemoteActor.objects.filter(uri=document["id"]).update(public_key_pem=old_public)  # no signal

    body = json.dumps({**follow, "id": f"{document['id']}#f2"}).encode()
    headers = sign_request(
        method="POST",
        url=f"{SITE}/inbox/",
        body=body,
        key_id=document["publicKey"]["id"],
        private_pem=new_private,
    )
    message = activity_receive(method="POST", url=f"{SITE}/inbox/", headers=headers, body=body)
    assert message.actor_uri == document["id"]
    assert RemoteActor.objects.get(uri=document["id"]).public_key_pem == new_public


def _kw(headers: dict, body: bytes) -> dict:
    return {"headers": headers, "body": body}


@pytest.mark.django_db
def test_a_block_on_a_server_reaches_its_subdomains_at_intake(federating):
    from federation.domain_measures import MeasureEntry, domain_measure_set
    from federation.intake_cache import blocked_domain

    assert not blocked_domain("media.example.com")
    entry = MeasureEntry(domain="example.com", kind="block", public_reason="Spam")
    domain_measure_set(moderator=None, entry=entry, source="command")
    assert blocked_domain("media.example.com") and blocked_domain("example.com")
    assert not blocked_domain("example.org")


DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def queued_tasks(settings, monkeypatch):
    """A worker's queue (django-tasks-db) instead of in-process tasks, each activity
    stored by its own INSERT (the journal has tests of its own: test_inbox_journal.py);
    the last drain this process queued is forgotten."""
    import federation.inbox_store

    settings.TASKS = DATABASE_TASKS
    settings.CANDID_FEDERATION_INBOX_JOURNAL = False
    monkeypatch.setattr(federation.inbox_store, "_drain_queued_at", 0.0)


@pytest.mark.django_db
def test_a_burst_of_activities_queues_one_drain_not_a_task_each(
    federating, bob_stored, queued_tasks
):
    from django_tasks_db.models import DBTaskResult

    from federation.inbox_store import DRAIN_WINDOW
    from federation.processing import DRAIN_TASK, inbox_drain

    actor, private_pem = bob_stored
    before = timezone.now()
    for n in range(5):
        activity_receive(method="POST", url=INBOX, **_kw(*_signed_like(actor, private_pem, n)))

    queued = list(DBTaskResult.objects.values_list("task_path", "run_after"))
    assert [path for path, _ in queued] == [DRAIN_TASK]
    assert (queued[0][1] - before).total_seconds() > DRAIN_WINDOW
    assert inbox_drain() == 5
    assert not InboxMessage.objects.filter(state=InboxMessage.State.RECEIVED).exists()


@pytest.mark.django_db
def test_the_drain_tries_each_message_once_and_leaves_a_failure_to_the_upkeep(
    federating, bob_stored, queued_tasks, monkeypatch
):
    from federation import processing

    def explode(message):
        raise RuntimeError("the handler broke")

    monkeypatch.setitem(processing.HANDLERS, "Like", explode)
    actor, private_pem = bob_stored
    activity_receive(method="POST", url=INBOX, **_kw(*_signed_like(actor, private_pem, 1)))
    follow = {"id": f"{actor.uri}#f", "type": "Undo", "actor": actor.uri, "object": "x"}
    body = json.dumps(follow).encode()
    headers = sign_request(
        method="POST", url=INBOX, body=body, key_id=actor.key_id, private_pem=private_pem
    )
    activity_receive(method="POST", url=INBOX, headers=headers, body=body)

    assert processing.inbox_drain() == 2
    like, undo = InboxMessage.objects.order_by("pk")
    assert (like.state, like.attempts) == (InboxMessage.State.RECEIVED, 1)
    assert "the handler broke" in like.outcome
    assert undo.state != InboxMessage.State.RECEIVED
    assert processing.inbox_drain() == 0  # tried again by the upkeep, not by every drain


@pytest.mark.django_db
def test_an_activity_is_stored_as_it_was_received(federating, bob_stored):
    actor, private_pem = bob_stored
    activity = {"id": f"{actor.uri}#likes/ü", "type": "Like", "actor": actor.uri, "object": "ö"}
    for body in (json.dumps(activity).encode(), json.dumps(activity).encode("utf-16")):
        headers = sign_request(
            method="POST", url=INBOX, body=body, key_id=actor.key_id, private_pem=private_pem
        )
        message = activity_receive(method="POST", url=INBOX, headers=headers, body=body)
        stored = InboxMessage.objects.get(pk=message.pk)
        assert stored.activity == activity
        assert (stored.actor_uri, stored.activity_type) == (actor.uri, "Like")
        assert stored.state == InboxMessage.State.RECEIVED
        assert abs(stored.received_at - timezone.now()) < timedelta(minutes=1)


@pytest.mark.django_db
def test_the_upkeep_queues_one_drain_for_a_lost_backlog_and_a_task_per_failed_try(
    federating, bob_stored, queued_tasks
):
    from datetime import timedelta

    from django_tasks_db.models import DBTaskResult

    from federation.processing import DRAIN_TASK, PROCESS_TASK, STALE, inbox_stale_enqueue

    actor, private_pem = bob_stored
    for n in range(4):
        activity_receive(method="POST", url=INBOX, **_kw(*_signed_like(actor, private_pem, n)))
    DBTaskResult.objects.all().delete()  # the drain intake queued was lost with its worker
    failed = InboxMessage.objects.order_by("pk").first()
    InboxMessage.objects.filter(pk=failed.pk).update(attempts=1, outcome="RuntimeError: x")
    InboxMessage.objects.update(received_at=timezone.now() - STALE - timedelta(seconds=1))

    assert inbox_stale_enqueue() == 2
    queued = sorted(DBTaskResult.objects.values_list("task_path", "args_kwargs"))
    assert [path for path, _ in queued] == sorted([DRAIN_TASK, PROCESS_TASK])
    process_args = next(a for path, a in queued if path == PROCESS_TASK)["args"]
    assert process_args == [failed.pk]

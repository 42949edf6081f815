"""Two drains on a backlog, on PostgreSQL with two real connections: a message one drain
holds is skipped by the other, which goes on with the rest instead of waiting."""

import json
import threading

import pytest
from django.db import connection, transaction
from django.utils import timezone

from federation.models import InboxMessage, RemoteActor
from federation.processing import inbox_drain

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


def test_a_drain_skips_the_message_another_holds_and_processes_the_rest(federating):
    actor = RemoteActor.objects.create(
        uri="https://peer.test/users/bob",
        domain="peer.test",
        inbox="https://peer.test/users/bob/inbox",
        fetched_at=timezone.now(),
    )
    held, free = (
        InboxMessage.objects.create(
            actor_uri=actor.uri,
            key_id=f"{actor.uri}#main-key",
            activity_type="Undo",
            activity=json.loads(json.dumps({"type": "Undo", "actor": actor.uri, "id": n})),
        )
        for n in ("a", "b")
    )
    holding, release = threading.Event(), threading.Event()

    def other_drain():
        try:
            with transaction.atomic():
                InboxMessage.objects.select_for_update().get(pk=held.pk)
                holding.set()
                release.wait(30)
        finally:
            connection.close()

    thread = threading.Thread(target=other_drain)
    thread.start()
    try:
        assert holding.wait(10)
        assert inbox_drain() == 2  # returns while the other still holds its message
        held.refresh_from_db()
        free.refresh_from_db()
        assert held.state == InboxMessage.State.RECEIVED and held.attempts == 0
        assert free.state != InboxMessage.State.RECEIVED
    finally:
        release.set()
        thread.join(30)

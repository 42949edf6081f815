"""The upkeep deletes received activities once they have been kept INBOX_KEPT after
they were tried, finding them by id since received_at carries no index."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from federation.models import InboxMessage
from federation.upkeep import INBOX_KEPT, inbox_prune

State = InboxMessage.State


def _message(n: int, state: str, age: timedelta) -> InboxMessage:
    message = InboxMessage.objects.create(
        actor_uri="https://peer.test/users/bob",
        key_id="https://peer.test/users/bob#main-key",
        activity_type="Like",
        activity={"id": f"https://peer.test/likes/{n}", "type": "Like"},
        state=state,
    )
    InboxMessage.objects.filter(pk=message.pk).update(received_at=timezone.now() - age)
    return message


@pytest.mark.django_db
def test_the_upkeep_deletes_the_old_tried_messages_and_keeps_the_rest():
    old = INBOX_KEPT + timedelta(hours=1)
    processed = _message(1, State.PROCESSED, old)
    failed = _message(2, State.FAILED, old)
    waiting = _message(3, State.RECEIVED, old)  # never deleted before it is tried
    recent = _message(4, State.PROCESSED, timedelta(days=1))

    assert inbox_prune(timezone.now() - INBOX_KEPT) == 2

    kept = set(InboxMessage.objects.values_list("pk", flat=True))
    assert kept == {waiting.pk, recent.pk}
    assert not {processed.pk, failed.pk} & kept


@pytest.mark.django_db
def test_the_upkeep_deletes_them_when_none_is_recent():
    old = INBOX_KEPT + timedelta(days=2)
    _message(1, State.PROCESSED, old)
    _message(2, State.IGNORED, old)

    assert inbox_prune(timezone.now() - INBOX_KEPT) == 2
    assert not InboxMessage.objects.exists()


@pytest.mark.django_db
def test_intake_writes_no_index_but_the_queue():
    """Every stored activity writes its row and the queue's index (processing.py reads
    it); the one other index is partial, on Flags (flags.py), and received_at has none."""
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "federation_inboxmessage")
    indexes = {name: c for name, c in constraints.items() if c["index"] and not c["primary_key"]}
    assert set(indexes) == {"inbox_received", "inbox_flags"}
    assert InboxMessage._meta.get_field("received_at").db_index is False

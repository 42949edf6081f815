"""Sending: one delivery per inbox, retried with growing waits, given up on refusal, and
a circuit breaker per server."""

from datetime import timedelta

import pytest
from django.utils import timezone

from federation.actors import local_actor_for
from federation.delivery import (
    BREAKER_FAILURES,
    backoff,
    deliveries_due_enqueue,
    deliveries_queue,
    delivery_send,
)
from federation.models import Delivery, DomainHealth

pytestmark = pytest.mark.django_db
ACTIVITY = {"type": "Create", "id": "https://candid.test/photos/1/#create"}


def queue(alice, inboxes):
    return deliveries_queue(sender=local_actor_for(alice), activity=ACTIVITY, inboxes=inboxes)


def test_one_delivery_per_distinct_inbox(federating, alice):
    shared = "https://pixelfed.example/inbox"
    assert queue(alice, [shared, shared, "", "https://other.example/inbox"]) == 2


def test_a_delivered_activity_is_signed_by_its_sender(federating, peer, alice):
    queue(alice, [f"{peer.base}/inbox"])
    assert delivery_send(Delivery.objects.get().pk) == "delivered"
    assert (
        'keyId="https://candid.test/u/alice/#main-key"' in peer.received[0]["headers"]["Signature"]
    )
    assert Delivery.objects.get().state == Delivery.State.DELIVERED


def test_a_server_error_is_tried_again_later_with_growing_waits(federating, peer, alice):
    peer.status = 503
    queue(alice, [f"{peer.base}/inbox"])
    delivery = Delivery.objects.get()
    before = timezone.now()
    assert delivery_send(delivery.pk) == "HTTP 503"
    delivery.refresh_from_db()
    assert delivery.state == Delivery.State.PENDING and delivery.attempts == 1
    assert delivery.next_attempt_at >= before + backoff(1)
    assert delivery_send(delivery.pk).startswith("not due")
    assert backoff(2) == 2 * backoff(1) and backoff(30) == timedelta(hours=12)


def test_a_refusal_is_final(federating, peer, alice):
    peer.status = 403
    queue(alice, [f"{peer.base}/inbox"])
    delivery_send(Delivery.objects.get().pk)
    assert Delivery.objects.get().state == Delivery.State.FAILED


def test_a_failing_server_opens_its_circuit(federating, peer, alice):
    peer.status = 500
    queue(alice, [f"{peer.base}/inbox/{i}" for i in range(BREAKER_FAILURES + 1)])
    ids = list(Delivery.objects.order_by("pk").values_list("pk", flat=True))
    for pk in ids[:BREAKER_FAILURES]:
        delivery_send(pk)
    assert DomainHealth.objects.get(domain="127.0.0.1").open_until > timezone.now()
    tried = len(peer.received)
    assert delivery_send(ids[-1]) == "circuit open"
    assert len(peer.received) == tried


def test_the_upkeep_sends_what_is_due_and_leaves_what_waits(
    federating, peer, alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        queue(alice, [f"{peer.base}/inbox/due", f"{peer.base}/inbox/later"])
    Delivery.objects.filter(inbox__endswith="/later").update(
        next_attempt_at=timezone.now() + timedelta(hours=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert deliveries_due_enqueue() == 1
    assert [request["path"] for request in peer.received] == ["/inbox/due"]
    states = dict(Delivery.objects.values_list("inbox", "state"))
    assert states == {
        f"{peer.base}/inbox/due": Delivery.State.DELIVERED,
        f"{peer.base}/inbox/later": Delivery.State.PENDING,
    }


def test_the_upkeep_command_runs_and_counts_hourly(federating, alice):
    from federation.models import NodeStats
    from federation.upkeep import federation_upkeep

    assert federation_upkeep()["users_total"] == 1
    first = NodeStats.objects.get().counted_at
    federation_upkeep()
    assert NodeStats.objects.get().counted_at == first

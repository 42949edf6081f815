"""Receiving activities: verified, stored, then processed; everything else refused."""

import json

import pytest

from federation.delivery import delivery_send
from federation.models import Delivery, InboxMessage, RemoteActor, RemoteFollow
from federation.processing import inbox_message_process
from federation.signatures import verify_request
from tests.federation.conftest import SITE

pytestmark = pytest.mark.django_db
INBOX = "/u/alice/ap/inbox/"


def follow_of(peer, name="bob", target=f"{SITE}/u/alice/", with_id=True):
    activity = {
        "@context": "https://www.w3.org/ns/activitystreams",
        "type": "Follow",
        "actor": f"{peer.base}/users/{name}",
        "object": target,
    }
    if with_id:
        activity["id"] = f"{peer.base}/follows/1"
    return activity


def test_a_signed_follow_is_stored_then_accepted(
    federating, peer, client, alice, django_capture_on_commit_callbacks
):
    peer.actor("bob")
    response = peer.signed_post(client, INBOX, follow_of(peer), name="bob", site=SITE)
    assert response.status_code == 202
    message = InboxMessage.objects.get()
    assert message.state == InboxMessage.State.RECEIVED
    assert RemoteActor.objects.get().uri == f"{peer.base}/users/bob"

    with django_capture_on_commit_callbacks(execute=False):
        assert inbox_message_process(message.pk) == "accepted"
    follow = RemoteFollow.objects.get()
    assert follow.state == RemoteFollow.State.ACCEPTED and follow.followee == alice

    delivery = Delivery.objects.get()
    assert delivery.inbox == f"{peer.base}/users/bob/inbox"
    assert delivery_send(delivery.pk) == "delivered"
    sent = peer.received[0]
    accept = json.loads(sent["body"])
    assert accept["type"] == "Accept" and accept["object"]["type"] == "Follow"
    alice_key = alice.local_actor.public_key_pem
    verify_request(
        method="POST",
        url=f"{peer.base}/users/bob/inbox",
        headers=sent["headers"],
        body=sent["body"],
        key_lookup=lambda key_id, refresh: alice_key
        if key_id.endswith("/u/alice/#main-key")
        else None,
    )


def test_a_pixelfed_follow_without_id_is_matched_by_actor_and_object(
    federating, peer, client, alice
):
    peer.actor("bob")
    peer.signed_post(client, INBOX, follow_of(peer, with_id=False), name="bob", site=SITE)
    assert inbox_message_process(InboxMessage.objects.get().pk) == "accepted"
    undo = {
        "type": "Undo",
        "actor": f"{peer.base}/users/bob",
        "object": follow_of(peer, with_id=False),
    }
    peer.signed_post(client, INBOX, undo, name="bob", site=SITE)
    message = InboxMessage.objects.latest("pk")
    assert inbox_message_process(message.pk) == "follow undone"
    assert not RemoteFollow.objects.exists()


def test_processing_twice_changes_nothing_more(federating, peer, client, alice):
    peer.actor("bob")
    peer.signed_post(client, INBOX, follow_of(peer), name="bob", site=SITE)
    message = InboxMessage.objects.get()
    inbox_message_process(message.pk)
    assert inbox_message_process(message.pk).startswith("already processed")
    assert Delivery.objects.count() == 1


def test_an_unsigned_activity_is_refused_and_nothing_stored(federating, peer, client, alice):
    peer.actor("bob")
    response = client.post(
        INBOX, data=json.dumps(follow_of(peer)), content_type="application/activity+json"
    )
    assert response.status_code == 401
    assert not InboxMessage.objects.exists()


def test_a_key_of_another_actor_is_refused(federating, peer, client, alice):
    peer.actor("bob")
    peer.actor("mallory")
    activity = follow_of(peer, name="bob")  # claims to be bob, signed by mallory
    response = peer.signed_post(client, INBOX, activity, name="mallory", site=SITE)
    assert response.status_code == 401
    assert "does not belong" in response.json()["error"]
    assert not InboxMessage.objects.exists()


@pytest.mark.parametrize(
    "body, status",
    [
        (b"not json", 400),
        (b"[1, 2]", 400),
        (b'{"type": "Follow"}', 400),
        (b'{"type": "Note", "actor": "x", "a": ' + b"[" * 40 + b"]" * 40 + b"}", 400),
        (b'{"type": "Note", "actor": "x", "pad": "' + b"x" * 300_000 + b'"}', 413),
    ],
)
def test_malformed_or_oversized_bodies_are_refused(federating, client, alice, body, status):
    response = client.post(INBOX, data=body, content_type="application/activity+json")
    assert response.status_code == status
    assert not InboxMessage.objects.exists()


def test_an_activity_for_an_unknown_member_is_404(federating, peer, client):
    peer.actor("bob")
    response = peer.signed_post(
        client, "/u/nobody/ap/inbox/", follow_of(peer), name="bob", site=SITE
    )
    assert response.status_code == 404


def test_an_actor_that_deletes_itself_takes_its_follows(federating, peer, client, alice):
    peer.actor("bob")
    peer.signed_post(client, INBOX, follow_of(peer), name="bob", site=SITE)
    inbox_message_process(InboxMessage.objects.get().pk)
    actor = f"{peer.base}/users/bob"
    delete = {"type": "Delete", "actor": actor, "object": actor, "id": actor + "#delete"}
    peer.signed_post(client, "/inbox/", delete, name="bob", site=SITE)
    assert inbox_message_process(InboxMessage.objects.latest("pk").pk) == "actor removed"
    assert not RemoteFollow.objects.exists()


def test_fetches_to_private_addresses_are_refused_without_the_test_setting(settings):
    from federation.fetch import FetchRefused, address_allowed

    settings.CANDID_FEDERATION_ALLOW_LOCAL = False
    for url in (
        "http://example.org/actor",
        "https://127.0.0.1/actor",
        "https://10.0.0.5/actor",
        "https://169.254.169.254/latest/meta-data",
        "https://[::1]/actor",
        "https://localhost/actor",
    ):
        with pytest.raises(FetchRefused):
            address_allowed(url)
    settings.CANDID_FEDERATION_ALLOW_LOCAL = True
    address_allowed("http://127.0.0.1:9/actor")
    with pytest.raises(FetchRefused):
        address_allowed("http://10.0.0.5/actor")

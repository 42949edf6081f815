"""Intake refuses, before storing anything, what an honest peer never sends: an actor
creating, changing or deleting another's object, an Announce of an Announce, a replayed
request; and more activities than its server's rate. Each refusal is logged."""

import json
import logging
from datetime import timedelta

import pytest
from django.utils import timezone

from federation.models import InboxMessage, RemoteActor, RemotePost
from federation.processing import inbox_message_process
from federation.remote_actors import actor_refresh
from federation.signatures import sign_request
from tests.federation.conftest import SITE
from tests.federation.keys import remote_keys
from tests.federation.peer import Peer

pytestmark = pytest.mark.django_db
INBOX = "/inbox/"
PUBLIC = "https://www.w3.org/ns/activitystreams#Public"


def _note(peer, note_id: str, author: str, text: str = "Fog") -> dict:
    return {
        "id": note_id,
        "type": "Note",
        "attributedTo": author,
        "content": text,
        "to": [PUBLIC],
        "attachment": [{"type": "Image", "mediaType": "image/jpeg", "url": f"{peer.base}/1.jpg"}],
    }


def _create(peer, name: str, note: dict) -> dict:
    actor = f"{peer.base}/users/{name}"
    return {"id": f"{actor}#create/1", "type": "Create", "actor": actor, "object": note}


def _refused(response, status: int, caplog) -> None:
    assert response.status_code == status, response.content
    assert not InboxMessage.objects.exists()
    assert any(f"inbox refused {status}" in r.getMessage() for r in caplog.records)


@pytest.fixture
def logged(caplog):
    caplog.set_level(logging.INFO, logger="candid.federation")
    return caplog


def test_a_create_of_an_object_on_another_server_is_refused(federating, peer, client, logged):
    peer.actor("mallory")
    note = _note(peer, "https://bob.example/notes/1", f"{peer.base}/users/mallory")
    response = peer.signed_post(
        client, INBOX, _create(peer, "mallory", note), name="mallory", site=SITE
    )
    _refused(response, 403, logged)


def test_a_create_naming_another_author_is_refused(federating, peer, client, logged):
    peer.actor("mallory")
    note = _note(peer, f"{peer.base}/notes/1", f"{peer.base}/users/bob")
    response = peer.signed_post(
        client, INBOX, _create(peer, "mallory", note), name="mallory", site=SITE
    )
    _refused(response, 403, logged)


def test_a_delete_of_another_servers_object_is_refused(federating, peer, client, logged):
    peer.actor("mallory")
    actor = f"{peer.base}/users/mallory"
    delete = {
        "id": f"{actor}#d",
        "type": "Delete",
        "actor": actor,
        "object": "https://bob.example/notes/1",
    }
    response = peer.signed_post(client, INBOX, delete, name="mallory", site=SITE)
    _refused(response, 403, logged)


def test_an_undo_of_anothers_activity_is_refused(federating, peer, client, logged):
    peer.actor("mallory")
    actor = f"{peer.base}/users/mallory"
    like = {"id": f"{peer.base}/users/bob#like", "type": "Like", "actor": f"{peer.base}/users/bob"}
    undo = {"id": f"{actor}#u", "type": "Undo", "actor": actor, "object": like}
    response = peer.signed_post(client, INBOX, undo, name="mallory", site=SITE)
    _refused(response, 403, logged)


def test_an_announce_of_an_announce_is_refused(federating, peer, client, logged):
    peer.actor("bob")
    actor = f"{peer.base}/users/bob"
    inner = {"id": f"{actor}#a1", "type": "Announce", "actor": actor, "object": f"{peer.base}/p/1"}
    outer = {"id": f"{actor}#a2", "type": "Announce", "actor": actor, "object": inner}
    response = peer.signed_post(client, INBOX, outer, name="bob", site=SITE)
    _refused(response, 400, logged)


def test_a_replayed_request_is_refused(federating, peer, client, logged):
    peer.actor("bob")
    actor = f"{peer.base}/users/bob"
    like = {"id": f"{actor}#like", "type": "Like", "actor": actor, "object": f"{SITE}/photos/1/"}
    body = json.dumps(like).encode()
    headers = sign_request(
        method="POST",
        url=SITE + INBOX,
        body=body,
        key_id=f"{actor}#main-key",
        private_pem=remote_keys("bob")[0],
        now=timezone.now() - timedelta(days=1),
    )
    extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()}
    response = client.post(INBOX, data=body, content_type="application/activity+json", **extra)
    _refused(response, 401, logged)


def test_a_post_stored_for_one_actor_is_not_taken_over_by_another_of_its_server(
    federating, peer, client
):
    """Same server, so intake lets it in; processing keeps the post its author's."""
    peer.actor("bob")
    peer.actor("mallory")
    bob = actor_refresh(f"{peer.base}/users/bob")
    post = RemotePost.objects.create(
        uri=f"{peer.base}/notes/1", author=bob, text="Fog", published=timezone.now()
    )
    note = _note(peer, post.uri, f"{peer.base}/users/mallory", text="Taken over")
    response = peer.signed_post(
        client, INBOX, _create(peer, "mallory", note), name="mallory", site=SITE
    )
    assert response.status_code == 202

    outcome = inbox_message_process(InboxMessage.objects.get().pk)

    assert outcome == "refused: the actor does not own the object"
    post.refresh_from_db()
    assert (post.author, post.text) == (bob, "Fog")


def test_a_server_over_its_rate_is_told_to_wait_and_others_are_not(
    federating, peer, client, settings, logged
):
    settings.RATELIMIT_ENABLE = True
    settings.CANDID_FEDERATION_INBOX_RATE = "2/h"
    peer.actor("bob")
    other = Peer()
    try:
        other.actor("carol")
        for n in (1, 2):
            like = _like(peer, "bob", n)
            assert peer.signed_post(client, INBOX, like, name="bob", site=SITE).status_code == 202

        response = peer.signed_post(client, INBOX, _like(peer, "bob", 3), name="bob", site=SITE)

        assert response.status_code == 429 and int(response["Retry-After"]) > 0
        assert InboxMessage.objects.count() == 2
        assert any("inbox refused 429" in r.getMessage() for r in logged.records)
        carol = other.signed_post(client, INBOX, _like(other, "carol", 1), name="carol", site=SITE)
        assert carol.status_code == 202 and InboxMessage.objects.count() == 3
    finally:
        other.close()


def _like(peer, name: str, n: int) -> dict:
    actor = f"{peer.base}/users/{name}"
    return {
        "id": f"{actor}#likes/{n}",
        "type": "Like",
        "actor": actor,
        "object": f"{SITE}/photos/1/",
    }


def test_remote_actors_are_fetched_not_stored_by_the_refusals(federating, peer, client):
    """A refused activity leaves no trace but its signer's actor, fetched to verify it."""
    peer.actor("mallory")
    note = _note(peer, "https://bob.example/notes/1", f"{peer.base}/users/mallory")
    peer.signed_post(client, INBOX, _create(peer, "mallory", note), name="mallory", site=SITE)
    assert list(RemoteActor.objects.values_list("username", flat=True)) == ["mallory"]
    assert not RemotePost.objects.exists()

"""What bench/federation.py found: the costs that do not belong in each delivery or each
received activity."""

import json

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
def test_intake_reads_the_signing_actor_once(federating):
    private_pem, public_pem = remote_keys("bob")
    actor = RemoteActor.objects.create(
        uri="https://peer.test/users/bob",
        domain="peer.test",
        inbox="https://peer.test/users/bob/inbox",
        key_id="https://peer.test/users/bob#main-key",
        public_key_pem=public_pem,
        fetched_at=timezone.now(),
    )
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

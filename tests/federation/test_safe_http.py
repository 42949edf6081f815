"""Connections to other servers reach public addresses only, checked on the socket itself:
a name that resolves to a public address for the check and to a private one for the
connection (DNS rebinding) is refused before a byte is sent."""

import socket

import pytest
import requests

from federation.fetch import FetchRefused, fetch_document
from federation.safe_http import public_request

pytestmark = pytest.mark.django_db


def test_a_private_address_is_refused_at_the_connection(peer, settings):
    settings.CANDID_FEDERATION_ALLOW_LOCAL = False
    with pytest.raises(requests.ConnectionError, match="not a public address"):
        public_request("GET", f"{peer.base}/users/bob", timeout=5)
    assert peer.fetched == []


def test_loopback_is_reached_with_the_test_setting(peer):
    peer.actor("bob")
    response = public_request("GET", f"{peer.base}/users/bob", timeout=5)
    assert response.status_code == 200 and peer.fetched == ["/users/bob"]


def test_a_name_rebound_to_a_private_address_is_refused(federating, peer, settings, monkeypatch):
    """A stand-in for a hostile DNS server: the first answer (address_allowed's) is a
    public address, every later one (the HTTP client's) is 127.0.0.1, where the peer runs."""
    settings.CANDID_FEDERATION_ALLOW_LOCAL = False
    port = int(peer.base.rsplit(":", 1)[1])
    real_getaddrinfo = socket.getaddrinfo
    answers = iter(["93.184.216.34"])

    def rebinding(host, *args, **kwargs):
        if host != "rebind.test":
            return real_getaddrinfo(host, *args, **kwargs)
        address = next(answers, "127.0.0.1")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    with pytest.raises(FetchRefused, match="ConnectionError"):
        fetch_document(f"https://rebind.test:{port}/users/bob")
    assert peer.fetched == []


def test_fetches_are_signed_by_the_instance_actor(federating, peer):
    """Servers with authorized fetch (Mastodon's secure mode) answer signed GETs only."""
    from federation import addresses
    from federation.actors import instance_actor
    from federation.signatures import verify_request

    peer.actor("bob")
    fetch_document(f"{peer.base}/users/bob")

    headers = peer.fetched_headers[-1]
    assert f'keyId="{addresses.key_id(None)}"' in headers["Signature"]
    public_pem = instance_actor().public_key_pem
    verified = verify_request(
        method="GET",
        url=f"{peer.base}/users/bob",
        headers=headers,
        body=b"",
        key_lookup=lambda key_id, refresh: public_pem,
    )
    assert verified.key_id == addresses.key_id(None)

"""Loading the recorded-shape payloads of tests/federation/payloads/ for the test peer:
the peers' hostnames become the peer's base URL, placeholders their values."""

import json
from pathlib import Path
from urllib.parse import urlsplit

from tests.federation.keys import remote_keys

PAYLOADS = Path(__file__).parent / "payloads"
HOSTS = ("https://mastodon.example", "https://pixelfed.example", "https://mbin.example")


def payload(peer, name: str, **values: str) -> dict:
    text = (PAYLOADS / name).read_text(encoding="utf-8")
    for host in HOSTS:
        text = text.replace(host, peer.base)
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", value)
    return json.loads(text)


def key_name(actor_uri: str) -> str:
    """The test key of an actor: one per actor path."""
    return urlsplit(actor_uri).path.strip("/").replace("/", "-")


def serve(peer, name: str) -> dict:
    """Serve an actor document at its own path, with its test key."""
    document = payload(peer, name)
    _, public_pem = remote_keys(key_name(document["id"]))
    document["publicKey"]["publicKeyPem"] = public_pem
    peer.documents[urlsplit(document["id"]).path] = document
    return document


def serve_object(peer, name: str) -> dict:
    document = payload(peer, name)
    peer.documents[urlsplit(document["id"]).path] = document
    return document


def post(peer, client, activity: dict, *, signer: str = "", inbox: str = "/inbox/"):
    """POST `activity` to Candid signed with the key of `signer` (default: its actor)."""
    from tests.federation.conftest import SITE

    signer = signer or activity["actor"]
    return peer.signed_post(
        client,
        inbox,
        activity,
        name=key_name(signer),
        site=SITE,
        key_id=f"{signer}#main-key",
    )

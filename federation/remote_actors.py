"""Remote actors: fetched, stored and looked up by key id for signature checks.

Peers are read liberally: a `publicKey` may be a list, an inbox may be missing on an
`Application`; a key id may name the actor document with a fragment (Mastodon,
Pixelfed) or a separate key document whose `owner` is the actor (older servers)."""

from urllib.parse import urldefrag, urlsplit

from django.utils import timezone

from federation.fetch import FetchRefused, fetch_document
from federation.models import RemoteActor
from federation.parsing import as_id, first

# The ActivityStreams actor types: only documents of these become a RemoteActor (a pasted
# post URL once became an "actor" of kind Note).
ACTOR_TYPES = frozenset({"Person", "Service", "Application", "Group", "Organization"})


def actor_kind(document: dict) -> str | None:
    """The document's actor type (`type` may be a list), None when it is no actor."""
    kinds = document.get("type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return next((kind for kind in kinds if isinstance(kind, str) and kind in ACTOR_TYPES), None)


def is_actor(document: dict) -> bool:
    return actor_kind(document) is not None


def actor_stored(uri: str) -> RemoteActor | None:
    return RemoteActor.objects.filter(uri=uri).first()


def actor_refresh(uri: str) -> RemoteActor:
    """Fetch the actor document at `uri` and store what Candid needs of it."""
    document = fetch_document(uri)
    if as_id(document) != uri:
        raise FetchRefused("The actor document's id is not the URL it was fetched from.")
    return actor_save(document)


def actor_save(document: dict) -> RemoteActor:
    """Stores an actor document; FetchRefused for any other kind of document."""
    if not is_actor(document):
        raise FetchRefused("The document is not an account.")
    uri = as_id(document)
    key = first(document.get("publicKey")) or {}
    endpoints = document.get("endpoints") if isinstance(document.get("endpoints"), dict) else {}
    values = {
        "domain": urlsplit(uri).hostname or "",
        "username": str(document.get("preferredUsername") or "")[:200],
        "display_name": str(document.get("name") or "")[:200],
        "kind": actor_kind(document),
        "inbox": as_id(document.get("inbox")) or "",
        "shared_inbox": as_id(endpoints.get("sharedInbox")) or "",
        "key_id": as_id(key) or "",
        "public_key_pem": str(key.get("publicKeyPem") or "") if isinstance(key, dict) else "",
        "document": document,
        "fetched_at": timezone.now(),
    }
    actor, _ = RemoteActor.objects.update_or_create(uri=uri, defaults=values)
    return actor


def public_key_for(key_id: str, refresh: bool) -> str | None:
    """The PEM of `key_id`, from the stored actor, or fetched (again) when asked."""
    actor = actor_for_key(key_id, refresh)
    return actor.public_key_pem if actor is not None else None


def actor_for_key(key_id: str, refresh: bool) -> RemoteActor | None:
    """The actor `key_id` belongs to, as stored, or fetched (again) when asked."""
    if not refresh:
        stored = key_owner(key_id)
        if stored is not None:
            return stored
    actor = key_owner_fetch(key_id)
    return actor if actor is not None and actor.key_id == key_id else None


def key_owner_fetch(key_id: str) -> RemoteActor | None:
    url = urldefrag(key_id).url
    try:
        document = fetch_document(url)
        if document.get("owner") and document.get("publicKeyPem"):
            return actor_refresh(as_id(document["owner"]))
        return actor_save(document) if as_id(document) == url else None
    except FetchRefused:
        return None


def key_owner(key_id: str) -> RemoteActor | None:
    return RemoteActor.objects.filter(key_id=key_id).first()

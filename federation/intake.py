"""Receiving an activity: checked, then stored; the worker processes it later.

Checks, each refused with its status and logged, nothing stored: a body over MAX_BODY
(413), not a JSON object with `type` and `actor` (400), too deeply nested (400), unsigned
or badly signed or replayed (401, signatures.py), signed by a key that is not the
`actor`'s own (401; a `Move` may be signed by the old account it names), from a blocked
server (403); a `Flag` whose actor, id and key are not all on one server (401); an actor
creating, changing or deleting another's object (403, ownership.py); an Announce of an
Announce (400); over its server's rate (429, intake_rate.py)."""

import json
import logging
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django_tasks import default_task_backend

from core.tasks import task_enqueue
from federation.domains import domain_of
from federation.inbox_journal import record_append
from federation.inbox_store import drain_soon, message_insert
from federation.intake_cache import KeyOwner, blocked_domain, key_owner_keep, key_owner_kept
from federation.intake_rate import rate_wait
from federation.ownership import announce_loop, object_owned
from federation.parsing import as_id
from federation.processing import PROCESS_TASK
from federation.remote_actors import actor_for_key
from federation.signatures import SignatureRefused, verify_request

MAX_BODY = 256 * 1024
MAX_DEPTH = 16
log = logging.getLogger("candid.federation")


class Refused(Exception):
    def __init__(self, status: int, reason: str, retry_after: float = 0.0):
        super().__init__(reason)
        self.status, self.reason, self.retry_after = status, reason, retry_after


@dataclass(frozen=True)
class Received:
    """What intake stored: the InboxMessage's id and what the inbox view logs."""

    pk: int | None  # None: in the journal, not yet in the table
    actor_uri: str
    activity_type: str


def activity_receive(*, method: str, url: str, headers, body: bytes) -> Received:
    if len(body) > MAX_BODY:
        raise Refused(413, "The activity is too large.")
    activity = _parsed(body)
    actor_uri = as_id(activity.get("actor"))
    if blocked_domain(domain_of(actor_uri)):
        raise Refused(403, "This server does not accept activities from yours.")
    owners: dict[str, KeyOwner] = {}

    def key_lookup(key_id: str, refresh: bool) -> str | None:
        """The key's PEM; its owner is kept for the actor check (intake_cache.py keeps
        both in the process; `refresh` fetches the actor anew when the key failed)."""
        owner = None if refresh else key_owner_kept(key_id)
        if owner is None:
            actor = actor_for_key(key_id, refresh)
            if actor is None:
                return None
            owner = KeyOwner(actor.uri, actor.public_key_pem)
            key_owner_keep(key_id, owner)
        owners[key_id] = owner
        return owner.public_key_pem

    try:
        verified = verify_request(
            method=method, url=url, headers=headers, body=body, key_lookup=key_lookup
        )
    except SignatureRefused as refusal:
        raise Refused(401, str(refusal)) from None
    owner = owners.get(verified.key_id)
    if owner is None or (owner.uri != actor_uri and not _move_by_old_account(activity, owner.uri)):
        raise Refused(401, "The signing key does not belong to the activity's actor.")
    if activity.get("type") == "Flag" and not _flag_from_its_server(activity, verified.key_id):
        raise Refused(401, "A report must be sent and signed by an actor of the server it names.")
    if not object_owned(activity, actor_uri):
        raise Refused(403, "The actor may not create, change or delete another's object.")
    if announce_loop(activity):
        raise Refused(400, "An Announce of an Announce is not accepted.")
    if wait := rate_wait(owner.uri):
        raise Refused(429, "Too many activities from your server; send again later.", wait)
    return _store(activity, owner.uri, verified.key_id, body)


def _flag_from_its_server(activity: dict, key_id: str) -> bool:
    """A Flag files a notice counted in the NetzDG and DSA reports, so one that claims a
    server it does not come from is refused before it is stored (and never counted): its
    actor, its id and the key that signed it must all be on one host (Pixelfed checks the
    id against the actor too)."""
    uris = (as_id(activity.get("actor")), as_id(activity), key_id)
    hosts = {urlsplit(uri or "").netloc.lower() for uri in uris}
    return len(hosts) == 1 and "" not in hosts


def _move_by_old_account(activity: dict, signer_uri: str) -> bool:
    """Pixelfed signs its `Move` with the old account's key but names the new account as
    the actor (moves.py checks who is who); the signer is then stored as the actor."""
    return activity.get("type") == "Move" and signer_uri in (
        as_id(activity.get("object")),
        as_id(activity.get("target")),
    )


def _parsed(body: bytes) -> dict:
    """The activity; its depth is walked only when the body has enough brackets to be
    too deep (a bracket inside a string counts too: the count only bounds the depth)."""
    try:
        activity = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise Refused(400, "The body is not JSON.") from None
    if (
        not isinstance(activity, dict)
        or not activity.get("type")
        or not as_id(activity.get("actor"))
    ):
        raise Refused(400, "An activity needs a type and an actor.")
    if body.count(b"{") + body.count(b"[") > MAX_DEPTH and _depth(activity) > MAX_DEPTH:
        raise Refused(400, "The activity is nested too deeply.")
    return activity


def _depth(value, level: int = 0) -> int:
    if level > MAX_DEPTH:
        return level
    if isinstance(value, dict):
        return max([_depth(v, level + 1) for v in value.values()] or [level])
    if isinstance(value, list):
        return max([_depth(v, level + 1) for v in value] or [level])
    return level


def _store(activity: dict, actor_uri: str, key_id: str, body: bytes) -> Received:
    """Stored before the 202, so a crash loses nothing: in the journal when a worker runs
    apart (inbox_journal.py: one write(), moved into the table in batches), else by one
    INSERT committed on its own, processed at once. The body is stored as received
    rather than serialised again."""
    activity_type = str(activity["type"])[:32]
    row = (time.time(), actor_uri, key_id, activity_type, _as_text(body, activity))
    if not default_task_backend.supports_defer:
        pk = message_insert(row)
        transaction.on_commit(lambda: task_enqueue(PROCESS_TASK, pk))
        return Received(pk, actor_uri, activity_type)
    if settings.CANDID_FEDERATION_INBOX_JOURNAL:
        record_append(row)
        return Received(None, actor_uri, activity_type)
    pk = message_insert(row)
    drain_soon()
    return Received(pk, actor_uri, activity_type)


def _as_text(body: bytes, activity: dict) -> str:
    """The body as received when it is UTF-8 (json.loads also reads UTF-16 and -32)."""
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return json.dumps(activity)

"""Telling other servers that a member's actor changed (issue 19: "Update of the actor").

The worker follows the event log (sync.py); the events of the changes that can alter what
the actor document says — the profile (name, bio, avatar), the choice not to be indexed
(`discoverable`, `indexable`), the account-wide AI-training consent (`indexable`) and the
follow approval (`manuallyApprovesFollowers`) — make it build the document as it is served
now and send it, whole, in one `Update` to the shared inboxes of the member's remote
followers (Mastodon and Pixelfed replace their copy with it). The digest of what was sent
is kept, so a change that leaves the document as it was (a profile saved unchanged, the
same event read twice) sends nothing. A member who does not take part in federation sends
nothing: leaving already sent a `Delete` of the actor (federation/services.py)."""

import hashlib
import json

from django.utils import timezone

from accounts.models import User
from consent.models import ConsentChange, Purpose
from federation import addresses
from federation.actors import local_actor_for
from federation.delivery import deliveries_queue
from federation.documents import AS_PUBLIC, CONTEXT, actor_document
from federation.selectors import approves_followers, federated_member, follower_inboxes

CONSENT_CHANGE = "consent.consentchange"
# Events whose subject is the member and that can change their actor document.
SUBJECT_KINDS = ("account.profile_updated", "account.search_indexing_set")
# Events logged with the member as actor that can change it (the follow approval).
ACTOR_KINDS = ("audience.approval_set",)


def actor_updates_send(events: list[dict]) -> int:
    """Send an `Update` for each member whose actor document these events may have changed
    (and did); the number of members updated."""
    return sum(actor_update_send(user) for user in _members_named(events))


def _members_named(events: list[dict]):
    ids = {e["subject_id"] for e in events if e["kind"] in SUBJECT_KINDS}
    ids |= {e["actor_id"] for e in events if e["kind"] in ACTOR_KINDS}
    changes = [e["subject_id"] for e in events if e["subject_type"] == CONSENT_CHANGE]
    if changes:
        account_wide = ConsentChange.objects.filter(
            pk__in=changes, photo_ref__isnull=True, purpose=Purpose.AI_TRAINING
        )
        ids |= set(account_wide.values_list("user_id", flat=True))
    ids.discard(None)
    return User.objects.filter(pk__in=ids).order_by("pk")


def actor_update_send(user: User) -> bool:
    """The member's actor document, sent whole when it differs from the one last sent."""
    if federated_member(user.username) is None:
        return False
    inboxes = follower_inboxes(user.pk)
    if not inboxes:
        return False
    actor = local_actor_for(user)
    document = actor_document(user, actor, approves_followers=approves_followers(user))
    digest = document_digest(document)
    if digest == actor.sent_digest:
        return False
    actor.sent_digest = digest
    actor.save(update_fields=["sent_digest"])
    deliveries_queue(sender=actor, activity=_update(document, digest), inboxes=inboxes)
    return True


def document_digest(document: dict) -> str:
    return hashlib.sha256(json.dumps(document, sort_keys=True).encode()).hexdigest()


def _update(document: dict, digest: str) -> dict:
    """The id names the moment and the document, so two updates never share one."""
    actor_id = document["id"]
    stamp = int(timezone.now().timestamp())
    return {
        "@context": CONTEXT,
        "id": f"{actor_id}#updates/{stamp}-{digest[:12]}",
        "type": "Update",
        "actor": actor_id,
        "to": [AS_PUBLIC],
        "cc": [addresses.followers(document["preferredUsername"])],
        "object": {key: value for key, value in document.items() if key != "@context"},
    }

"""What Candid does with each kind of activity it receives (registered in processing.py's
HANDLERS). The actor of every message has signed it (intake.py), so `message.actor_uri`
is who did it; what an activity names as its object is checked against that actor."""

from django.db import transaction

from core.events import event_record
from federation import addresses
from federation.actors import local_actor_for
from federation.delivery import deliveries_queue
from federation.documents import AS_CONTEXT
from federation.models import InboxMessage, RemoteActor, RemoteFollow
from federation.parsing import as_id
from federation.processing import handles
from federation.remote_actors import actor_save, actor_stored
from federation.selectors import approves_followers, federated_member


@handles("Follow")
def follow_received(message: InboxMessage) -> str:
    activity = message.activity
    username = addresses.username_from_actor_id(as_id(activity.get("object")) or "")
    user = federated_member(username) if username else None
    follower = actor_stored(message.actor_uri)
    if user is None or follower is None:
        return "no such member here"
    approved = not approves_followers(user)
    state = RemoteFollow.State.ACCEPTED if approved else RemoteFollow.State.PENDING
    follow, created = RemoteFollow.objects.get_or_create(
        follower=follower, followee=user, defaults={"state": state, "activity": activity}
    )
    if created:
        event_record(
            kind="federation.follow_received",
            subject=follow,
            data={"domain": follower.domain, "state": state},
        )
    if follow.state == RemoteFollow.State.ACCEPTED:
        follow_answer(follow, "Accept")
        return "accepted"
    return "pending the member's approval"


def follow_answer(follow: RemoteFollow, kind: str) -> None:
    """Accept or Reject, with the Follow as received as the object (Pixelfed's Follow has
    no id, so the peer matches it by actor and object)."""
    actor_id = addresses.actor_id(follow.followee.username)
    answer = {
        "@context": AS_CONTEXT,
        "id": f"{actor_id}#follows/{follow.pk}/{kind.lower()}",
        "type": kind,
        "actor": actor_id,
        "object": follow.activity,
    }
    deliveries_queue(
        sender=local_actor_for(follow.followee),
        activity=answer,
        inboxes=[follow.follower.inbox],
    )


@handles("Undo")
def undo_received(message: InboxMessage) -> str:
    undone = message.activity.get("object")
    kind = undone.get("type") if isinstance(undone, dict) else None
    if kind == "Follow":
        username = addresses.username_from_actor_id(as_id(undone.get("object")) or "")
        deleted, _ = RemoteFollow.objects.filter(
            follower__uri=message.actor_uri, followee__username=username or ""
        ).delete()
        return "follow undone" if deleted else "no such follow"
    if isinstance(undone, str):
        deleted, _ = RemoteFollow.objects.filter(
            follower__uri=message.actor_uri, activity__id=undone
        ).delete()
        return "follow undone" if deleted else "nothing to undo"
    return f"undo of {kind} not acted on"


@handles("Delete")
def delete_received(message: InboxMessage) -> str:
    """An actor deleting itself takes its follows with it. Remote content is not stored
    here yet, so a Delete of a post has nothing to remove."""
    if as_id(message.activity.get("object")) == message.actor_uri:
        with transaction.atomic():
            deleted, _ = RemoteActor.objects.filter(uri=message.actor_uri).delete()
        return "actor removed" if deleted else "unknown actor"
    return "no stored copy of the object"


@handles("Update")
def update_received(message: InboxMessage) -> str:
    updated = message.activity.get("object")
    if (
        isinstance(updated, dict)
        and as_id(updated) == message.actor_uri
        and updated.get("publicKey")
    ):
        actor_save(updated)
        return "actor updated"
    return "no stored copy of the object"

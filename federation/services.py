"""A member's choice to take part in federation."""

from django.db import transaction

from accounts.models import User
from core.events import event_record
from federation import addresses
from federation.actors import local_actor_for
from federation.delivery import deliveries_queue
from federation.documents import AS_CONTEXT, AS_PUBLIC
from federation.models import LocalActor, RemoteFollow


@transaction.atomic
def findable_set(*, user: User, findable: bool) -> LocalActor:
    """The member's choice to be found, followed and shown on other servers. Leaving
    sends a `Delete` of the actor to every server with a follower of theirs (Mastodon and
    Pixelfed then drop the account and its posts) and ends those follows."""
    actor = local_actor_for(user)
    if actor.findable != findable:
        actor.findable = findable
        actor.save(update_fields=["findable"])
        event_record(
            kind="federation.findable_set", actor=user, subject=actor, data={"findable": findable}
        )
        if not findable:
            _leave(user, actor)
    return actor


@transaction.atomic
def images_direct_set(*, user: User, direct: bool) -> LocalActor:
    """The member's choice to load images of posts from other servers straight from those
    servers (they then see the member's IP address) instead of through the media proxy."""
    actor = local_actor_for(user)
    if actor.images_direct != direct:
        actor.images_direct = direct
        actor.save(update_fields=["images_direct"])
        event_record(
            kind="federation.images_direct_set", actor=user, subject=actor, data={"direct": direct}
        )
    return actor


def _leave(user: User, actor: LocalActor) -> None:
    follows = RemoteFollow.objects.filter(followee=user).select_related("follower")
    inboxes = [f.follower.shared_inbox or f.follower.inbox for f in follows]
    actor_id = addresses.actor_id(user.username)
    deliveries_queue(
        sender=actor,
        activity={
            "@context": AS_CONTEXT,
            "id": f"{actor_id}#delete",
            "type": "Delete",
            "actor": actor_id,
            "object": actor_id,
            "to": [AS_PUBLIC],
        },
        inboxes=inboxes,
    )
    follows.delete()

"""Members here following accounts on other servers."""

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from core.errors import ServiceError
from core.events import event_record
from federation import addresses
from federation.actors import local_actor_for
from federation.delivery import deliveries_queue
from federation.documents import AS_CONTEXT
from federation.models import OutgoingFollow, RemoteActor
from federation.selectors import blocked_by_member, federated_member


def follow_id(follow: OutgoingFollow) -> str:
    return f"{addresses.actor_id(follow.follower.username)}#follows/{follow.followee_id}"


@transaction.atomic
def remote_follow(*, follower: User, followee: RemoteActor) -> OutgoingFollow:
    """Sends a Follow; the follow is pending until the other server accepts it."""
    if federated_member(follower.username) is None:
        raise ServiceError(
            _("Take part in federation first (Settings → Other servers) to follow people there.")
        )
    if blocked_by_member(follower.pk, followee.pk):
        raise ServiceError(
            _("You have blocked %(address)s. Unblock them first.") % {"address": followee.address}
        )
    follow, created = OutgoingFollow.objects.get_or_create(follower=follower, followee=followee)
    if created:
        event_record(
            kind="federation.follow_sent",
            actor=follower,
            subject=follow,
            data={"domain": followee.domain},
        )
        _send(follow, _follow_activity(follow))
    return follow


@transaction.atomic
def remote_unfollow(*, follower: User, followee: RemoteActor) -> None:
    follow = OutgoingFollow.objects.filter(follower=follower, followee=followee).first()
    if follow is None:
        return
    actor_id = addresses.actor_id(follower.username)
    undo = {
        "@context": AS_CONTEXT,
        "id": f"{follow_id(follow)}/undo",
        "type": "Undo",
        "actor": actor_id,
        "object": {k: v for k, v in _follow_activity(follow).items() if k != "@context"},
    }
    _send(follow, undo)
    event_record(kind="federation.follow_undone", actor=follower, subject=follow)
    follow.delete()


def _follow_activity(follow: OutgoingFollow) -> dict:
    return {
        "@context": AS_CONTEXT,
        "id": follow_id(follow),
        "type": "Follow",
        "actor": addresses.actor_id(follow.follower.username),
        "object": follow.followee.uri,
    }


def _send(follow: OutgoingFollow, activity: dict) -> None:
    deliveries_queue(
        sender=local_actor_for(follow.follower),
        activity=activity,
        inboxes=[follow.followee.inbox],
    )

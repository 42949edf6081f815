"""A member's answer to follows from other servers: accepted at once unless the member's
follow approval (social.audience_selectors.follow_approval_of) asks for a decision; then
the follow waits in the same follow requests as members' requests, and the member's
accept or refusal is sent to the follower's server as `Accept` or `Reject`."""

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from core.errors import NotFound
from core.events import event_record
from federation import addresses
from federation.actors import local_actor_for
from federation.delivery import deliveries_queue
from federation.documents import AS_CONTEXT
from federation.models import RemoteFollow
from federation.selectors import approves_followers, remote_follow_requests_for


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


def _pending(member: User, follow_id: int) -> RemoteFollow:
    follow = (
        RemoteFollow.objects.select_for_update()
        .select_related("follower", "followee")
        .filter(pk=follow_id, followee=member, state=RemoteFollow.State.PENDING)
        .first()
    )
    if follow is None:
        raise NotFound(_("There is no such follow request from another server."))
    return follow


@transaction.atomic
def remote_follow_request_accept(*, member: User, follow_id: int) -> RemoteFollow:
    """The account elsewhere becomes the member's follower; its server gets `Accept`."""
    follow = _pending(member, follow_id)
    follow.state = RemoteFollow.State.ACCEPTED
    follow.save(update_fields=["state"])
    event_record(
        kind="federation.follow_request_accepted",
        actor=member,
        subject=follow,
        data={"domain": follow.follower.domain},
    )
    follow_answer(follow, "Accept")
    return follow


@transaction.atomic
def remote_follow_request_refuse(*, member: User, follow_id: int) -> None:
    """The request ends; its server gets `Reject` (Mastodon and Pixelfed then drop it)."""
    follow = _pending(member, follow_id)
    event_record(
        kind="federation.follow_request_refused",
        actor=member,
        subject=follow,
        data={"domain": follow.follower.domain},
    )
    follow_answer(follow, "Reject")
    follow.delete()


def remote_follow_requests_settle(member_id: int | None) -> int:
    """After the member changed their follow approval (federation/sync.py reads the event):
    when follows no longer need their decision, the waiting ones are accepted."""
    member = User.objects.filter(pk=member_id).first() if member_id else None
    if member is None or approves_followers(member):
        return 0
    waiting = list(remote_follow_requests_for(member).values_list("pk", flat=True))
    for follow_id in waiting:
        remote_follow_request_accept(member=member, follow_id=follow_id)
    return len(waiting)

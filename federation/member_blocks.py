"""A member's own block and mute of accounts on other servers (issue #19: "remote actors
can be muted or blocked by members"), beside moderation's instance-wide measures
(federation/standing.py). The owner is always the signed-in member: every service writes
and deletes only that member's rows, so nobody can undo another member's choice.

A block ends the follows both ways (the account's follow of the member gets `Reject`, as
Mastodon sends when one of its members blocks a follower; the member's follow gets `Undo`),
and afterwards its Follow to the member is rejected, its posts leave the member's feed, and
its replies and likes on the member's photos are neither shown nor taken in. A mute only
takes its posts out of the member's feed and its replies out of what the member is shown;
the account is not told."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.errors import NotFound
from core.events import event_record
from federation import addresses
from federation.actors import local_actor_for
from federation.delivery import deliveries_queue
from federation.documents import AS_CONTEXT
from federation.follow_requests import follow_answer
from federation.following import remote_unfollow
from federation.models import MemberRemoteBlock, MemberRemoteMute, RemoteActor, RemoteFollow


@transaction.atomic
def remote_block_create(*, member: User, actor: RemoteActor) -> MemberRemoteBlock:
    """Blocks the account; again is harmless. Ends the follows both ways."""
    block, created = MemberRemoteBlock.objects.get_or_create(member=member, actor=actor)
    if not created:
        return block
    ended = _follower_end(member, actor)
    remote_unfollow(follower=member, followee=actor)
    event_record(
        kind="federation.remote_block_created",
        actor=member,
        subject=actor,
        data={"domain": actor.domain, "follower_ended": ended},
    )
    return block


@transaction.atomic
def remote_block_delete(*, member: User, actor: RemoteActor) -> None:
    """Unblocks; the ended follows do not come back. Only the member's own block."""
    deleted, _rows = MemberRemoteBlock.objects.filter(member=member, actor=actor).delete()
    if not deleted:
        raise NotFound(_("You have not blocked %(address)s.") % {"address": actor.address})
    event_record(
        kind="federation.remote_block_deleted",
        actor=member,
        subject=actor,
        data={"domain": actor.domain},
    )


@transaction.atomic
def remote_mute_create(*, member: User, actor: RemoteActor) -> MemberRemoteMute:
    mute, created = MemberRemoteMute.objects.get_or_create(member=member, actor=actor)
    if created:
        event_record(
            kind="federation.remote_mute_created",
            actor=member,
            subject=actor,
            data={"domain": actor.domain},
        )
    return mute


@transaction.atomic
def remote_mute_delete(*, member: User, actor: RemoteActor) -> None:
    deleted, _rows = MemberRemoteMute.objects.filter(member=member, actor=actor).delete()
    if not deleted:
        raise NotFound(_("You have not muted %(address)s.") % {"address": actor.address})
    event_record(
        kind="federation.remote_mute_deleted",
        actor=member,
        subject=actor,
        data={"domain": actor.domain},
    )


def _follower_end(member: User, actor: RemoteActor) -> bool:
    """The account's follow of the member (accepted or waiting) ends with a `Reject`."""
    follow = RemoteFollow.objects.select_related("follower", "followee")
    follow = follow.filter(follower=actor, followee=member).first()
    if follow is None:
        return False
    follow_answer(follow, "Reject")
    follow.delete()
    return True


def follow_refused_blocked(*, member: User, actor: RemoteActor, activity: dict) -> None:
    """The inbox's answer to a Follow from an account the member blocked: `Reject`, with
    the Follow as received (Pixelfed's has no id), and nothing stored."""
    actor_id = addresses.actor_id(member.username)
    stamp = int(timezone.now().timestamp() * 1000)
    deliveries_queue(
        sender=local_actor_for(member),
        activity={
            "@context": AS_CONTEXT,
            "id": f"{actor_id}#blocked/{actor.pk}/{stamp}/reject",
            "type": "Reject",
            "actor": actor_id,
            "object": activity,
        },
        inboxes=[actor.inbox],
    )

"""What a member's own blocks and mutes of accounts on other servers hide from them
(federation/member_blocks.py makes and ends them)."""

from django.db.models import Q, QuerySet

from accounts.models import User
from federation.models import MemberRemoteBlock, MemberRemoteMute, RemoteActor
from federation.selectors import blocked_by_member


def blocked_actor_ids(member_id: int) -> QuerySet:
    """The accounts the member blocked, as a subquery."""
    return MemberRemoteBlock.objects.filter(member_id=member_id).values("actor_id")


def hidden_actors(member_id: int, field: str = "author") -> Q:
    """The rows whose account at `field` the member blocked or muted: their posts and
    replies are not shown to the member. Two indexed subqueries."""
    blocks = MemberRemoteBlock.objects.filter(member_id=member_id).values("actor_id")
    mutes = MemberRemoteMute.objects.filter(member_id=member_id).values("actor_id")
    return Q(**{f"{field}_id__in": blocks}) | Q(**{f"{field}_id__in": mutes})


def remote_relation(member: User, actor: RemoteActor) -> dict:
    """The member's block and mute of the account, for its card's buttons."""
    return {
        "blocking": blocked_by_member(member.pk, actor.pk),
        "muting": MemberRemoteMute.objects.filter(member=member, actor=actor).exists(),
    }


def remote_blocks_of(member: User) -> QuerySet[MemberRemoteBlock]:
    """Newest first (the privacy page shows the first 200, as for blocks of members)."""
    rows = MemberRemoteBlock.objects.filter(member=member).select_related("actor")
    return rows.order_by("-created_at", "-id")


def remote_mutes_of(member: User) -> QuerySet[MemberRemoteMute]:
    rows = MemberRemoteMute.objects.filter(member=member).select_related("actor")
    return rows.order_by("-created_at", "-id")

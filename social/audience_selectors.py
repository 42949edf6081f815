"""Reads about a member's audience: the viewer's relation to a profile, pending follow
requests, blocked and muted accounts. Visibility itself is photos.selectors'."""

from dataclasses import dataclass
from functools import cache

from django.db import connection
from django.db.models import Q, QuerySet

from accounts.models import User
from social.models import AudienceSetting, Block, Follow, FollowApproval, FollowRequest, Mute


@dataclass(frozen=True)
class Relation:
    """The signed-in viewer's relation to a member, for the profile's buttons."""

    follows: bool = False  # the viewer follows the member
    requested: bool = False  # the viewer's follow request is pending
    followed_by: bool = False  # the member follows the viewer (who may remove them)
    blocking: bool = False  # the viewer blocked the member
    blocked_by: bool = False  # the member blocked the viewer
    muting: bool = False  # the viewer muted the member

    @property
    def blocked(self) -> bool:
        return self.blocking or self.blocked_by


NO_RELATION = Relation()


def relation(viewer, member: User) -> Relation:
    """One statement of six indexed lookups: asked on every signed-in profile view."""
    if not viewer.is_authenticated or viewer.pk == member.pk:
        return NO_RELATION
    a, b = viewer.pk, member.pk
    with connection.cursor() as cursor:
        cursor.execute(_relation_sql(), [a, b, a, b, b, a, a, b, b, a, a, b])
        return Relation(*(bool(value) for value in cursor.fetchone()))


@cache
def _relation_sql() -> str:
    quote = connection.ops.quote_name

    def exists(model, first: str, second: str, pending: bool = False) -> str:
        table = quote(model._meta.db_table)
        columns = [quote(model._meta.get_field(n).column) for n in (first, second)]
        state = f" AND {quote('state')} = 'pending'" if pending else ""
        where = f"{columns[0]} = %s AND {columns[1]} = %s{state}"
        return f"EXISTS (SELECT 1 FROM {table} WHERE {where})"  # noqa: S608 - names from the model

    parts = [
        exists(Follow, "follower", "followee"),
        exists(FollowRequest, "follower", "followee", pending=True),
        exists(Follow, "follower", "followee"),
        exists(Block, "blocker", "blocked"),
        exists(Block, "blocker", "blocked"),
        exists(Mute, "muter", "muted"),
    ]
    return "SELECT " + ", ".join(parts)


def follow_approval_of(member: User) -> str:
    """The member's choice; AUTOMATIC unless they chose otherwise."""
    chosen = AudienceSetting.objects.filter(user=member).values_list("follow_approval", flat=True)
    return chosen.first() or FollowApproval.AUTOMATIC


def blocked_between(first: User, second: User) -> bool:
    """Whether either of the two blocked the other."""
    if not first.is_authenticated or first.pk == second.pk:
        return False
    either = Q(blocker_id=first.pk, blocked_id=second.pk) | Q(
        blocker_id=second.pk, blocked_id=first.pk
    )
    return Block.objects.filter(either).exists()


def has_blocks(viewer) -> bool:
    """Whether the viewer blocked anyone or was blocked: their shared grids differ."""
    if not viewer.is_authenticated:
        return False
    return Block.objects.filter(Q(blocker_id=viewer.pk) | Q(blocked_id=viewer.pk)).exists()


def follow_requests_for(member: User) -> QuerySet[FollowRequest]:
    """Pending requests to the member, newest first (keyset-paged by created_at, id)."""
    pending = FollowRequest.objects.filter(followee=member, state="pending")
    return pending.select_related("follower").order_by("-created_at", "-id")


def requesters_of(member: User) -> QuerySet[User]:
    """The accounts waiting for the member's approval, newest request first."""
    return User.objects.filter(
        follow_requests_sent__followee=member, follow_requests_sent__state="pending"
    ).order_by("-follow_requests_sent__created_at", "-pk")


def blocked_by_member(member: User) -> QuerySet[User]:
    return User.objects.filter(blocks_received__blocker=member).order_by(
        "-blocks_received__created_at", "-pk"
    )


def muted_by_member(member: User) -> QuerySet[User]:
    return User.objects.filter(mutes_received__muter=member).order_by(
        "-mutes_received__created_at", "-pk"
    )


def is_muted(*, muter: User, muted_id: int) -> bool:
    """For the notifications app: leave out what a muted member did."""
    return Mute.objects.filter(muter=muter, muted_id=muted_id).exists()


def muted_ids(muter: User) -> QuerySet:
    """The ids of the members `muter` muted, as a subquery."""
    return Mute.objects.filter(muter=muter).values("muted_id")

"""Writes that decide a member's audience: follow requests (accepted, refused, cancelled),
removing a follower, blocks, mutes and the choice of follow approval. Like every service
each writes its rows and logs its event in one transaction.

Two members' rows are locked (in id order) before a follow, a request or a block between
them is written, so a follow racing a block cannot slip in after the block severed it."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.errors import NotFound, PermissionDenied, ServiceError
from core.events import event_record
from notifications.services import notify_follow_request
from photos.models import Album, Photo, Visibility
from social.audience_selectors import follow_approval_of
from social.models import AudienceSetting, Block, Follow, FollowApproval, FollowRequest, Mute
from social.states import FOLLOW_REQUEST


def pair_lock(first: User, second: User) -> None:
    """Locks both members' rows, lower id first (no deadlock between two such locks)."""
    ids = sorted({first.pk, second.pk})
    list(User.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk"))


def ensure_not_blocked(*, actor: User, other: User) -> None:
    """Refuses, in plain words, what a block between the two forbids (follows, comments,
    favourites): the blocked member learns why nothing happens."""
    if Block.objects.filter(blocker=actor, blocked=other).exists():
        raise PermissionDenied(
            _("You have blocked %(name)s. Unblock them first.") % {"name": other.name}
        )
    if Block.objects.filter(blocker=other, blocked=actor).exists():
        raise PermissionDenied(
            _(
                "%(name)s has blocked you: you cannot follow them, comment on or "
                "favourite their photos."
            )
            % {"name": other.name}
        )


def needs_approval(member: User) -> bool:
    """ALWAYS and NEVER say so; AUTOMATIC asks whether the member has anything shown to
    followers only (a photo or an album): then a follower is someone they let in."""
    approval = follow_approval_of(member)
    if approval != FollowApproval.AUTOMATIC:
        return approval == FollowApproval.ALWAYS
    followers_only = {"owner": member, "visibility": Visibility.FOLLOWERS}
    return (
        Photo.objects.filter(**followers_only).exists()
        or Album.objects.filter(**followers_only).exists()
    )


def follow_request_open(*, follower: User, followee: User) -> FollowRequest:
    """Called by `follow_create` under the pair lock when the followee approves follows.
    Asking again while a request is pending is harmless."""
    request, created = FollowRequest.objects.get_or_create(
        follower=follower, followee=followee, state="pending"
    )
    if created:
        event_record(kind="follow_request.opened", actor=follower, subject=followee)
        notify_follow_request(requester=follower, recipient=followee)
    return request


def follow_request_accept(*, followee: User, follower: User) -> Follow:
    """The requester becomes a follower and sees the followee's followers-only photos."""
    with transaction.atomic():
        pair_lock(followee, follower)
        request = _pending(follower=follower, followee=followee)
        _decide(request, "accepted")
        follow, _created = Follow.objects.get_or_create(follower=follower, followee=followee)
        event_record(kind="follow_request.accepted", actor=followee, subject=follower)
    return follow


def follow_request_refuse(*, followee: User, follower: User) -> None:
    """The requester is not told; they see their request no longer pending."""
    with transaction.atomic():
        _decide(_pending(follower=follower, followee=followee), "refused")
        event_record(kind="follow_request.refused", actor=followee, subject=follower)


def follow_request_cancel(*, follower: User, followee: User) -> bool:
    """The requester takes the request back. False when there was none pending."""
    with transaction.atomic():
        request = _pending_or_none(follower=follower, followee=followee)
        if request is None:
            return False
        _decide(request, "cancelled")
        event_record(kind="follow_request.cancelled", actor=follower, subject=followee)
    return True


def follower_remove(*, member: User, follower: User) -> None:
    """The member removes one of their followers (who is not told, and may ask again)."""
    with transaction.atomic():
        deleted, _rows = Follow.objects.filter(follower=follower, followee=member).delete()
        if not deleted:
            raise NotFound(_("%(name)s does not follow you.") % {"name": follower.name})
        event_record(kind="follow.removed", actor=member, subject=follower)


def block_create(*, blocker: User, blocked: User) -> Block:
    """Blocks `blocked`: every follow between the two is severed and every pending request
    between them closed, in the same transaction. Again is harmless."""
    if blocker.pk == blocked.pk:
        raise ServiceError(_("You cannot block yourself."))
    with transaction.atomic():
        pair_lock(blocker, blocked)
        block, created = Block.objects.get_or_create(blocker=blocker, blocked=blocked)
        if created:
            severed, _rows = Follow.objects.filter(
                follower__in=(blocker, blocked), followee__in=(blocker, blocked)
            ).delete()
            _close_requests(follower=blocked, followee=blocker, state="refused")
            _close_requests(follower=blocker, followee=blocked, state="cancelled")
            event_record(
                kind="block.created", actor=blocker, subject=blocked, data={"severed": severed}
            )
    return block


def block_delete(*, blocker: User, blocked: User) -> None:
    """Unblocks. The severed follows do not come back."""
    with transaction.atomic():
        deleted, _rows = Block.objects.filter(blocker=blocker, blocked=blocked).delete()
        if deleted:
            event_record(kind="block.deleted", actor=blocker, subject=blocked)


def mute_create(*, muter: User, muted: User) -> Mute:
    if muter.pk == muted.pk:
        raise ServiceError(_("You cannot mute yourself."))
    with transaction.atomic():
        mute, created = Mute.objects.get_or_create(muter=muter, muted=muted)
        if created:
            event_record(kind="mute.created", actor=muter, subject=muted)
    return mute


def mute_delete(*, muter: User, muted: User) -> None:
    with transaction.atomic():
        deleted, _rows = Mute.objects.filter(muter=muter, muted=muted).delete()
        if deleted:
            event_record(kind="mute.deleted", actor=muter, subject=muted)


def follow_approval_set(*, member: User, approval: str) -> int:
    """Saves the choice. Choosing NEVER accepts every pending request at once (nobody is
    left waiting for a decision that will no longer be asked for); answers how many."""
    if approval not in FollowApproval.values:
        raise ServiceError(_("Choose one of the offered follow approval settings."))
    with transaction.atomic():
        AudienceSetting.objects.update_or_create(
            user=member, defaults={"follow_approval": approval}
        )
        event_record(kind="audience.approval_set", actor=member, data={"approval": approval})
        if approval != FollowApproval.NEVER:
            return 0
        waiting = FollowRequest.objects.filter(followee=member, state="pending")
        followers = list(waiting.values_list("follower_id", flat=True))
        waiting.update(state="accepted", decided_at=timezone.now())
        Follow.objects.bulk_create(
            [Follow(follower_id=pk, followee=member) for pk in followers], ignore_conflicts=True
        )
        if followers:
            event_record(
                kind="follow_request.accepted_all", actor=member, data={"count": len(followers)}
            )
    return len(followers)


def _pending_or_none(*, follower: User, followee: User) -> FollowRequest | None:
    pending = FollowRequest.objects.select_for_update()
    return pending.filter(follower=follower, followee=followee, state="pending").first()


def _pending(*, follower: User, followee: User) -> FollowRequest:
    request = _pending_or_none(follower=follower, followee=followee)
    if request is None:
        raise NotFound(
            _("There is no pending follow request from %(name)s.") % {"name": follower.name}
        )
    return request


def _decide(request: FollowRequest, state: str) -> None:
    FOLLOW_REQUEST.check(request.state, state)
    request.state = state
    request.decided_at = timezone.now()
    request.save(update_fields=["state", "decided_at"])


def _close_requests(*, follower: User, followee: User, state: str) -> None:
    pending = FollowRequest.objects.filter(follower=follower, followee=followee, state="pending")
    pending.update(state=state, decided_at=timezone.now())

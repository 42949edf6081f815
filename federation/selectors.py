"""Who and what other servers may see: federation is off unless the instance turns it on
(CANDID_FEDERATION), a member takes part unless they chose not to be findable, and only
public photos leave: never private, followers-only, withheld (in any country), demoted or
removed ones."""

from django.conf import settings

from accounts.models import User
from federation.models import (
    Delivery,
    LocalActor,
    MemberRemoteBlock,
    OutgoingFollow,
    RemoteActor,
    RemoteFollow,
)
from photos.models import Photo
from photos.open_web import photos_open
from social.audience_services import needs_approval


def federation_enabled() -> bool:
    return settings.CANDID_FEDERATION


def member_findable(user: User) -> bool:
    actor = LocalActor.objects.filter(user=user).only("findable").first()
    return actor is None or actor.findable


def member_images_direct(user: User) -> bool:
    """Whether the member chose to load remote images from their servers (default: no,
    through Candid's media proxy)."""
    if not user.is_authenticated:
        return False
    return LocalActor.objects.filter(user=user, images_direct=True).exists()


def federated_member(username: str) -> User | None:
    """An active member who takes part in federation, or None."""
    if not federation_enabled():
        return None
    user = User.objects.filter(username=username, is_active=True, terminated_at__isnull=True)
    user = user.first()
    if user is None or user.is_restricted or not member_findable(user):
        return None
    return user


def member_gone(username: str) -> bool:
    """A member who left or whose account was terminated: answered 410, so servers drop
    their copy, rather than 404."""
    return (
        User.objects.filter(username=username)
        .exclude(is_active=True, terminated_at__isnull=True)
        .exists()
    )


def federated_photos():
    """What may leave Candid (photos/open_web.py's rule: public, not withheld anywhere, not
    removed, owner in good standing), and not demoted by moderation."""
    return photos_open().filter(demoted=False)


def federated_photo(photo_id: int) -> Photo | None:
    photo = federated_photos().filter(pk=photo_id).first()
    if photo is None or federated_member(photo.owner.username) is None:
        return None
    return photo


def federated_photos_of(user: User):
    """The member's federated photos (the outbox)."""
    return federated_photos().filter(owner=user)


def follow_state(viewer: User, actor: RemoteActor) -> str | None:
    """The viewer's follow of an account elsewhere: pending, accepted, or None."""
    return (
        OutgoingFollow.objects.filter(follower=viewer, followee=actor)
        .values_list("state", flat=True)
        .first()
    )


def blocked_by_member(member_id: int, actor_id: int) -> bool:
    """Whether the member blocked the account elsewhere (federation/member_blocks.py)."""
    return MemberRemoteBlock.objects.filter(member_id=member_id, actor_id=actor_id).exists()


def known_remote_actor(name: str, server: str) -> RemoteActor | None:
    """An account elsewhere Candid already knows, by `name@server` (a port is ignored)."""
    return RemoteActor.objects.filter(username=name, domain=server.split(":")[0]).first()


def follower_inboxes(member_id: int) -> list[str]:
    """Where the member's accepted remote followers get activities: one inbox per server
    where it has a shared one."""
    rows = RemoteFollow.objects.filter(
        followee_id=member_id, state=RemoteFollow.State.ACCEPTED
    ).values_list("follower__shared_inbox", "follower__inbox")
    return list(dict.fromkeys(shared or inbox for shared, inbox in rows))


def follows_elsewhere(user: User) -> bool:
    """Whether the member follows anyone on another server (their feed then merges those
    posts in); one small query, asked only when federation is on."""
    return (
        federation_enabled()
        and OutgoingFollow.objects.filter(
            follower=user, state=OutgoingFollow.State.ACCEPTED
        ).exists()
    )


def approves_followers(user: User) -> bool:
    """`manuallyApprovesFollowers`: follows of this member need their approval, by the
    same choice (automatic, always, never) that decides for follows from members here."""
    return needs_approval(user)


def remote_follow_requests_for(member: User):
    """Follows from other servers waiting for the member's decision, newest first."""
    pending = RemoteFollow.objects.filter(followee=member, state=RemoteFollow.State.PENDING)
    return pending.select_related("follower").order_by("-created_at", "-id")


CASE_DELIVERIES_SHOWN = 200


def case_deliveries(case_id: int) -> list:
    """What a moderation case's decision sent to other servers (sync.py): each delivery
    with its state, read fresh for the case page (a delivery changes without a case event)."""
    rows = Delivery.objects.filter(case_id=case_id).order_by("pk")
    return list(
        rows.only("domain", "activity", "state", "attempts", "last_error", "delivered_at")[
            :CASE_DELIVERIES_SHOWN
        ]
    )


def actor_indexable(actor: RemoteActor) -> bool:
    """Whether what this remote person wrote may be shown where crawlers and search engines
    read it. `indexable: false` is their refusal (Mastodon 4.2 and later; Candid sets it
    for members who refuse AI training); a server that does not say (older Mastodon,
    Pixelfed) leaves their public posts public, as it does itself."""
    return actor.document.get("indexable") is not False

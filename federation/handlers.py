"""What Candid does with each kind of activity it receives (registered in processing.py's
HANDLERS). The actor of every message has signed it (intake.py), so `message.actor_uri`
is who did it; what an activity names as its object is checked against that actor."""

from django.db import transaction

from core.events import event_record
from federation import addresses
from federation.domains import limited
from federation.fetch import FetchRefused
from federation.flags import flag_received
from federation.follow_requests import follow_answer
from federation.following import follow_id
from federation.interactions import like_received, like_undone, reply_received
from federation.member_blocks import follow_refused_blocked
from federation.models import (
    InboxMessage,
    OutgoingFollow,
    RemoteActor,
    RemoteFollow,
    RemotePost,
    RemoteReply,
)
from federation.moves import account_moved
from federation.ownership import stored_for_another
from federation.parsing import as_id
from federation.posts import POST_TYPES, followed_here, post_fetched, post_store
from federation.processing import handles
from federation.remote_actors import actor_save, actor_stored, is_actor
from federation.selectors import approves_followers, blocked_by_member, federated_member
from federation.server_messages import server_message_for_members
from federation.shares import announce_received, announce_undone
from notifications.services import notify_remote_follow_request


@handles("Follow")
def follow_received(message: InboxMessage) -> str:
    activity = message.activity
    username = addresses.username_from_actor_id(as_id(activity.get("object")) or "")
    user = federated_member(username) if username else None
    follower = actor_stored(message.actor_uri)
    if user is None or follower is None:
        return "no such member here"
    if blocked_by_member(user.pk, follower.pk):
        follow_refused_blocked(member=user, actor=follower, activity=activity)
        return "rejected: the member blocked the account"
    # A limited server's accounts need the member's approval (issue #20).
    approved = not approves_followers(user) and not limited(follower.domain)
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
    if created:
        notify_remote_follow_request(address=follower.address, recipient=user)
    return "pending the member's approval"


@handles("Undo")
def undo_received(message: InboxMessage) -> str:
    undone = message.activity.get("object")
    kind = undone.get("type") if isinstance(undone, dict) else None
    if kind == "Like" and (actor := actor_stored(message.actor_uri)) is not None:
        return like_undone(actor, undone)
    if kind == "Announce":
        return announce_undone(message.actor_uri, undone)
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
    """An actor deleting itself takes its follows and posts with it; a deleted post is
    removed here, only when the actor deleting it is its author."""
    target = as_id(message.activity.get("object"))
    if target == message.actor_uri:
        with transaction.atomic():
            deleted, _ = RemoteActor.objects.filter(uri=message.actor_uri).delete()
        return "actor removed" if deleted else "unknown actor"
    deleted, _ = RemotePost.objects.filter(uri=target, author__uri=message.actor_uri).delete()
    replies, _ = RemoteReply.objects.filter(uri=target, author__uri=message.actor_uri).delete()
    return "removed" if deleted or replies else "no stored copy of the object"


@handles("Update")
def update_received(message: InboxMessage) -> str:
    updated = message.activity.get("object")
    if (
        isinstance(updated, dict)
        and as_id(updated) == message.actor_uri
        and updated.get("publicKey")
        and is_actor(updated)
    ):
        actor_save(updated)
        return "actor updated"
    if isinstance(updated, dict) and updated.get("type") in POST_TYPES:
        return post_updated(message.actor_uri, updated)
    return "no stored copy of the object"


def post_updated(actor_uri: str, note: dict) -> str:
    """An edit (Mastodon sends the whole Note with `updated`): the stored reply or post
    follows it; a post goes when it no longer carries public images."""
    if as_id(note.get("attributedTo")) != actor_uri:
        return "refused: the actor does not own the object"
    reply = RemoteReply.objects.filter(uri=as_id(note), author__uri=actor_uri).first()
    if reply is not None:
        stored = reply_received(reply.author, note) == "reply stored"
        return "reply updated" if stored else "reply no longer answers a photo here"
    post = RemotePost.objects.filter(uri=as_id(note), author__uri=actor_uri).first()
    if post is None:
        return "no stored copy of the object"
    if post_store(post.author, note) is None:
        post.delete()
        return "removed: no longer public with images"
    return "post updated"


@handles("Accept", "Reject")
def follow_answered(message: InboxMessage) -> str:
    """Matched by who answers and, when the peer sends one, by our Follow's id (Pixelfed's
    Accept may carry `object.id: null`, so actor and object decide)."""
    followed = message.activity.get("object")
    follower_id = as_id(followed.get("actor")) if isinstance(followed, dict) else None
    username = addresses.username_from_actor_id(follower_id or "")
    follows = OutgoingFollow.objects.filter(followee__uri=message.actor_uri)
    if username:
        follows = follows.filter(follower__username=username)
    elif as_id(followed):
        follows = [f for f in follows.select_related("follower") if follow_id(f) == as_id(followed)]
    else:
        return "no follow named"
    follows = list(follows)
    if not follows:
        return "no such follow"
    for follow in follows:
        if message.activity_type == "Accept":
            OutgoingFollow.objects.filter(pk=follow.pk).update(state=OutgoingFollow.State.ACCEPTED)
        else:
            follow.delete()
    return "follow accepted" if message.activity_type == "Accept" else "follow rejected"


@handles("Create")
def create_received(message: InboxMessage) -> str:
    """A post, or a reply to a photo here. A Create naming its object by URI alone (as
    compacted JSON-LD may) has it fetched from the actor's server (intake checked the
    URI is there)."""
    note = message.activity.get("object")
    if isinstance(note, str):
        try:
            note = post_fetched(note)
        except FetchRefused as refusal:
            return f"ignored: {refusal}"[:300]
    if not isinstance(note, dict) or note.get("type") not in POST_TYPES:
        return "not a post"
    if as_id(note.get("attributedTo")) != message.actor_uri or stored_for_another(
        as_id(note), message.actor_uri
    ):
        return "refused: the actor does not own the object"
    author = actor_stored(message.actor_uri)
    if author is not None and note.get("inReplyTo"):
        return reply_received(author, note)
    if author is not None and (told := server_message_for_members(author, note)):
        return told
    if author is None or not followed_here(author):
        return "nobody here follows the author"
    return "post stored" if post_store(author, note) else "no public images"


@handles("Like")
def like_received_handler(message: InboxMessage) -> str:
    actor = actor_stored(message.actor_uri)
    return like_received(actor, message.activity) if actor else "unknown actor"


@handles("Move")
def move_received(message: InboxMessage) -> str:
    return account_moved(message.actor_uri, message.activity)


@handles("Announce")
def announce_received_handler(message: InboxMessage) -> str:
    return announce_received(actor_stored(message.actor_uri), message.activity)


@handles("Flag")
def flag_handled(message: InboxMessage) -> str:
    """A report from another server: a notice in the moderation queue (federation/flags.py)."""
    return flag_received(message)

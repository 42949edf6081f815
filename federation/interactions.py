"""Likes and replies across servers: members here liking and answering posts from other
servers, and people elsewhere liking and answering photos here."""

from html import unescape

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, strip_tags

from accounts.models import User
from core.events import event_record
from federation import addresses
from federation.actors import local_actor_for
from federation.delivery import deliveries_queue
from federation.documents import AS_CONTEXT, AS_PUBLIC
from federation.models import OutgoingLike, RemoteActor, RemoteLike, RemotePost, RemoteReply
from federation.parsing import as_id
from federation.posts import _instant
from federation.selectors import blocked_by_member, federated_photo

REPLY_MAX = 5000


def _like_activity(user: User, post: RemotePost) -> dict:
    actor_id = addresses.actor_id(user.username)
    return {
        "@context": AS_CONTEXT,
        "id": f"{actor_id}#likes/{post.pk}",
        "type": "Like",
        "actor": actor_id,
        "object": post.uri,
    }


@transaction.atomic
def remote_post_like(*, user: User, post: RemotePost) -> bool:
    """Likes the post once (True) and tells its server; liking it again changes nothing."""
    _, created = OutgoingLike.objects.get_or_create(user=user, post=post)
    if not created:
        return False
    like = _like_activity(user, post)
    deliveries_queue(sender=local_actor_for(user), activity=like, inboxes=[post.author.inbox])
    event_record(kind="federation.like_sent", actor=user, data={"domain": post.author.domain})
    return True


@transaction.atomic
def remote_post_unlike(*, user: User, post: RemotePost) -> bool:
    """Takes the like back (True) with an `Undo` of the `Like` to the post's server."""
    deleted, _ = OutgoingLike.objects.filter(user=user, post=post).delete()
    if not deleted:
        return False
    like = _like_activity(user, post)
    undo = {
        "@context": AS_CONTEXT,
        "id": f"{like['id']}/undo",
        "type": "Undo",
        "actor": like["actor"],
        "object": {k: v for k, v in like.items() if k != "@context"},
    }
    deliveries_queue(sender=local_actor_for(user), activity=undo, inboxes=[post.author.inbox])
    event_record(kind="federation.unlike_sent", actor=user, data={"domain": post.author.domain})
    return True


@transaction.atomic
def remote_post_reply(*, user: User, post: RemotePost, text: str) -> dict:
    text = text.strip()[:REPLY_MAX]
    actor_id = addresses.actor_id(user.username)
    stamp = int(timezone.now().timestamp() * 1000)
    note = {
        "id": f"{actor_id}#replies/{post.pk}/{stamp}",
        "type": "Note",
        "attributedTo": actor_id,
        "inReplyTo": post.uri,
        "content": f"<p>{escape(text)}</p>",
        "published": timezone.now().strftime("%Y-%m-%dT%H:%M:%SZ"),
        "to": [AS_PUBLIC],
        "cc": [post.author.uri],
        "tag": [{"type": "Mention", "href": post.author.uri}],
    }
    create = {
        "@context": AS_CONTEXT,
        "id": note["id"] + "/create",
        "type": "Create",
        "actor": actor_id,
        "to": note["to"],
        "cc": note["cc"],
        "object": note,
    }
    deliveries_queue(sender=local_actor_for(user), activity=create, inboxes=[post.author.inbox])
    event_record(kind="federation.reply_sent", actor=user, data={"domain": post.author.domain})
    return note


def photo_of(uri: str):
    """The federated photo a URI names (our photo id URL), or None."""
    prefix = addresses.photo_id(0)[: -len("0/")]
    if not uri or not uri.startswith(prefix):
        return None
    number = uri[len(prefix) :].strip("/")
    return federated_photo(int(number)) if number.isdigit() else None


def like_received(actor: RemoteActor, activity: dict) -> str:
    photo = photo_of(as_id(activity.get("object")) or "")
    if photo is None:
        return "not a photo here"
    if blocked_by_member(photo.owner_id, actor.pk):
        return "ignored: the photo's owner blocked the account"
    _, created = RemoteLike.objects.get_or_create(
        actor=actor, photo=photo, defaults={"uri": as_id(activity) or ""}
    )
    if created:  # the event also moves the photo page's cached parts (web/photo_parts.py)
        event_record(kind="federation.like_received", subject=photo, data={"domain": actor.domain})
    return "like stored" if created else "already liked"


def like_undone(actor: RemoteActor, like: dict) -> str:
    photo = photo_of(as_id(like.get("object")) or "")
    deleted, _ = RemoteLike.objects.filter(actor=actor, photo=photo).delete()
    if deleted:
        event_record(kind="federation.like_undone", subject=photo, data={"domain": actor.domain})
    return "like undone" if deleted else "no such like"


def reply_received(actor: RemoteActor, note: dict) -> str:
    photo = photo_of(as_id(note.get("inReplyTo")) or "")
    if photo is None:
        return "not a reply to a photo here"
    if blocked_by_member(photo.owner_id, actor.pk):
        return "ignored: the photo's owner blocked the account"
    # A reply its photo's owner removed (`removed_by_owner_at`, federation/reply_removal.py)
    # is updated but stays hidden: that field is not among the defaults.
    reply, _ = RemoteReply.objects.update_or_create(
        uri=as_id(note),
        defaults={
            "author": actor,
            "photo": photo,
            "text": unescape(strip_tags(str(note.get("content") or "")))[:REPLY_MAX],
            "url": as_id(note.get("url")) or as_id(note) or "",
            "published": _instant(note.get("published")),
        },
    )
    event_record(kind="federation.reply_received", subject=reply, data={"domain": actor.domain})
    return "reply stored"

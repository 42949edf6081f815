"""A followed account sharing (`Announce`) a post: the post is fetched from its own server
and stored for the feed, or ignored with the reason. Only the object's own server is
believed (the Announce carries a bare URI, or an object Candid does not trust), and only
one level is followed: an Announce of an Announce is not fetched further, so loops of
Announce never recurse."""

from urllib.parse import urlsplit

from federation import addresses
from federation.domains import blocked, domain_of
from federation.fetch import FetchRefused
from federation.models import RemoteActor, RemotePost
from federation.parsing import as_id
from federation.posts import followed_here, post_fetched, post_store
from federation.remote_actors import actor_refresh, actor_stored


def announce_received(announcer: RemoteActor | None, activity: dict) -> str:
    if announcer is None or not followed_here(announcer):
        return "nobody here follows the actor"
    shared = activity.get("object")
    if isinstance(shared, dict) and shared.get("type") == "Announce":
        return "ignored: an announce of an announce is not followed"
    uri = as_id(shared)
    if not uri:
        return "ignored: no object"
    if urlsplit(uri).netloc == addresses.domain():
        return "ignored: a post of this server"
    if blocked(domain_of(uri)):
        return "ignored: the post's server is blocked"
    stored = RemotePost.objects.filter(uri=uri).first()
    if stored is not None:
        if stored.shared_by_id is None:
            RemotePost.objects.filter(pk=stored.pk).update(shared_by=announcer)
        return "shared post already stored"
    return _fetched_and_stored(uri, announcer)


def _fetched_and_stored(uri: str, announcer: RemoteActor) -> str:
    try:
        note = post_fetched(uri)
    except FetchRefused as refusal:
        return f"ignored: {refusal}"[:300]
    author_uri = as_id(note.get("attributedTo")) or ""
    if urlsplit(author_uri).hostname != urlsplit(uri).hostname:
        return "ignored: the post's author is not on the post's server"
    try:
        author = actor_stored(author_uri) or actor_refresh(author_uri)
    except FetchRefused as refusal:
        return f"ignored: {refusal}"[:300]
    if post_store(author, note, shared_by=announcer) is None:
        return "ignored: no public images"
    return "shared post stored"


def announce_undone(actor_uri: str, announce: dict) -> str:
    """The share is withdrawn: the post leaves the feed, and is removed when nobody here
    follows its author."""
    post = RemotePost.objects.filter(
        uri=as_id(announce.get("object")) or "", shared_by__uri=actor_uri
    ).first()
    if post is None:
        return "no such share"
    if followed_here(post.author):
        RemotePost.objects.filter(pk=post.pk).update(shared_by=None)
    else:
        post.delete()
    return "share undone"

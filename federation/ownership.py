"""Whether an activity's actor may do it to its object, decided before the activity is
stored (intake.py refuses it with 403) and again before a stored copy changes hands.

Only an object's author creates, edits or deletes it, and an author's objects live on its
own server: the object's id must be on the actor's host and its `attributedTo` (when
given) must name the actor. Mastodon refuses the same ("same origin"), so no honest peer
sends otherwise. Undo undoes only the actor's own activity. A stored post or reply keeps
its author even against another actor of the same server (stored_for_another)."""

from urllib.parse import urlsplit

from federation.models import RemotePost, RemoteReply
from federation.parsing import as_id, as_list

AUTHORED = {"Create", "Update", "Delete"}


def object_owned(activity: dict, actor_uri: str) -> bool:
    kind, target = activity.get("type"), activity.get("object")
    if kind in AUTHORED:
        target_id = as_id(target)
        if target_id and _host(target_id) != _host(actor_uri):
            return False
        if isinstance(target, dict):
            authors = [as_id(a) for a in as_list(target.get("attributedTo"))]
            return not authors or actor_uri in authors
    if kind == "Undo" and isinstance(target, dict):
        return as_id(target.get("actor")) in (None, actor_uri)
    return True


def stored_for_another(object_id: str | None, actor_uri: str) -> bool:
    """A post or reply stored here under another author: an actor of the same server
    claiming it (the host check above lets that through) does not take it over."""
    if not object_id:
        return False
    return any(
        model.objects.filter(uri=object_id).exclude(author__uri=actor_uri).exists()
        for model in (RemotePost, RemoteReply)
    )


def announce_loop(activity: dict) -> bool:
    """An Announce of an Announce, or of itself: followed, it could go round for ever."""
    if activity.get("type") != "Announce":
        return False
    shared = activity.get("object")
    shares_a_share = isinstance(shared, dict) and shared.get("type") == "Announce"
    return shares_a_share or (as_id(shared) is not None and as_id(shared) == as_id(activity))


def _host(uri: str) -> str:
    try:
        return (urlsplit(uri).netloc or "").lower()
    except ValueError:
        return ""

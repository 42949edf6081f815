"""Direct messages from another server's instance actor to members here: how a Candid
(or any server) elsewhere tells a member of a measure it took on their content there,
with a link to its statement of reasons and appeal form (issue 20). Kept as a moderation
notice for each member it names; messages from people are not taken in (Candid has no
direct messages between people)."""

from html import unescape
from urllib.parse import urlsplit

from django.utils.html import strip_tags

from federation import addresses
from federation.models import RemoteActor
from federation.parsing import as_id, as_list
from federation.selectors import federated_member
from notifications.services import notify_server_message

SERVER_KINDS = {"Application", "Service"}


def server_message_for_members(author: RemoteActor, note: dict) -> str | None:
    """The outcome, or None when the note is not a server's message to members here."""
    if author.kind not in SERVER_KINDS:
        return None
    members = [m for m in map(_member, as_list(note.get("to"))) if m is not None]
    if not members:
        return None
    link = as_id(note.get("url")) or ""
    if _host(link) != author.domain:  # a link to the sender's own pages only
        link = ""
    text = " ".join(unescape(strip_tags(str(note.get("content") or ""))).split())
    notify_server_message(recipients=members, title=f"{author.domain}: {text}", url=link)
    return f"message from {author.domain} for {len(members)} member(s)"


def _member(uri):
    username = addresses.username_from_actor_id(as_id(uri) or "")
    return federated_member(username) if username else None


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""

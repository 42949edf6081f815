"""Messages and reports Candid sends to one person or server elsewhere from its instance
actor: the private `Note` carrying a statement of reasons to a remote person (DSA Art. 17:
the affected person is told, wherever their account lives), and the `Flag` that passes a
member's report on to the server the reported content comes from."""

import secrets

from django.utils import timezone
from django.utils.html import escape

from federation import addresses
from federation.actors import instance_actor
from federation.delivery import deliveries_queue
from federation.models import Delivery, RemoteActor

AS_CONTEXT = "https://www.w3.org/ns/activitystreams"


def direct_message_send(*, to: RemoteActor, paragraphs: list[str], link: str) -> Delivery | None:
    """A private `Note` (addressed to the person alone, with a `Mention` so Mastodon files
    it as a direct message), delivered to their own inbox. Call inside the sender's
    transaction. None when their server is blocked."""
    sender = instance_actor()
    actor_uri = addresses.instance_actor_id()
    note_id = f"{actor_uri}#messages/{secrets.token_hex(8)}"
    mention = to.address
    body = "".join(f"<p>{escape(text)}</p>" for text in paragraphs)
    link_html = f'<p><a href="{escape(link)}">{escape(link)}</a></p>'
    note = {
        "id": note_id,
        "type": "Note",
        "attributedTo": actor_uri,
        "content": f'<p><span class="h-card">{escape(mention)}</span></p>{body}{link_html}',
        "published": _now(),
        "to": [to.uri],
        "cc": [],
        "tag": [{"type": "Mention", "href": to.uri, "name": mention}],
        "url": link,
    }
    activity = {
        "@context": AS_CONTEXT,
        "id": f"{note_id}/activity",
        "type": "Create",
        "actor": actor_uri,
        "to": [to.uri],
        "cc": [],
        "object": note,
    }
    return _queued(sender, activity, to.inbox)


def flag_send(
    *, about: RemoteActor, objects: list[str], comment: str, case_id: int | None = None
) -> Delivery | None:
    """A `Flag` from the instance actor to the server of `about` (its shared inbox), naming
    the account and the reported objects; `comment` is all it says about the report. Its
    `id` is on this server, as Pixelfed requires. Call inside the sender's transaction.
    `case_id`: the case the report belongs to, whose page lists the delivery."""
    sender = instance_actor()
    actor_uri = addresses.instance_actor_id()
    activity = {
        "@context": AS_CONTEXT,
        "id": f"{actor_uri}#flags/{secrets.token_hex(8)}",
        "type": "Flag",
        "actor": actor_uri,
        "object": list(dict.fromkeys([about.uri, *objects])),
        "content": comment,
        "to": [about.uri],
    }
    return _queued(sender, activity, about.shared_inbox or about.inbox, case_id)


def _queued(sender, activity: dict, inbox: str, case_id: int | None = None) -> Delivery | None:
    if not deliveries_queue(sender=sender, activity=activity, inboxes=[inbox], case_id=case_id):
        return None
    return Delivery.objects.filter(sender=sender, inbox=inbox).order_by("-pk").first()


def _now() -> str:
    return timezone.now().strftime("%Y-%m-%dT%H:%M:%SZ")

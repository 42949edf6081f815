"""'Am I in a dataset?' for people on other servers (issue 20). Someone on Mastodon or
Pixelfed gives their address on the lookup page; Candid sends that account a private
note from its instance actor with a capability link (federation/capabilities.py). Only
who reads that account's messages can open it, so the answer is theirs alone.

What the link shows, honestly: the replies they wrote that Candid holds (answers to photos
here) and the posts of theirs Candid keeps for its members' feeds; that Candid's own
research releases are built from its members' photos alone (consent/models/releases.py:
each item is a Candid photo), so none of these are in one; and the rows of imported
external dataset manifests that name their account (by `name@server` or by the account's
URL), as the public lookup by username finds them."""

from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from consent.selectors.lookup import manifest_rows_of_owner
from federation import addresses
from federation.actors import instance_actor
from federation.capabilities import capability_token
from federation.delivery import deliveries_queue
from federation.documents import AS_CONTEXT
from federation.lookup import remote_actor_find
from federation.models import RemoteActor, RemotePost, RemoteReply
from web.open_web import absolute_url

PURPOSE = "dataset-report"
SHOWN = 200


def dataset_link_send(*, address: str) -> RemoteActor:
    """Find the account (FetchRefused when it cannot be found) and queue the private note
    with its link. The note is in the language the request was made in."""
    actor = remote_actor_find(address)
    token = capability_token(purpose=PURPOSE, subject=actor.uri)
    link = absolute_url(reverse("fediverse_dataset_report", args=[token]))
    text = _(
        "You asked Candid whether your replies or posts held here went into a dataset. "
        "Your answer is at this link, valid for 7 days and meant for you alone:"
    )
    sender = addresses.instance_actor_id()
    note_id = f"{sender}#dataset-report/{int(timezone.now().timestamp() * 1000)}"
    note = {
        "id": note_id,
        "type": "Note",
        "attributedTo": sender,
        "to": [actor.uri],
        "content": f'<p>{escape(text)} <a href="{escape(link)}">{escape(link)}</a></p>',
        "tag": [{"type": "Mention", "href": actor.uri}],
        "published": timezone.now().isoformat(),
    }
    activity = {
        "@context": AS_CONTEXT,
        "id": f"{note_id}/create",
        "type": "Create",
        "actor": sender,
        "to": [actor.uri],
        "object": note,
    }
    deliveries_queue(
        sender=instance_actor(), activity=activity, inboxes=[actor.inbox or actor.shared_inbox]
    )
    return actor


def dataset_report(actor: RemoteActor) -> dict:
    replies = RemoteReply.objects.filter(author=actor).order_by("-published", "-pk")
    posts = RemotePost.objects.filter(author=actor).order_by("-published", "-pk")
    handle = f"{actor.username}@{actor.domain}"
    external = manifest_rows_of_owner(handle) + manifest_rows_of_owner(actor.uri)
    return {
        "actor": actor,
        "handle": handle,
        "replies": list(replies.select_related("photo")[:SHOWN]),
        "posts": list(posts[:SHOWN]),
        "external": external,
    }

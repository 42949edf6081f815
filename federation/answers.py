"""How people on other servers answered a photo here, as its page shows it: their replies
(not removed, their accounts not muted or suspended here, oldest first, the first
REPLIES_SHOWN) and the number of their likes.

Consent at the border (issue 20): a reply whose author is not `indexable`
(federation/selectors.py `actor_indexable`: Mastodon's opt-out of search, Candid's AI-training
refusal) is shown as Candid shows its own members' public content, with the signals that
carry the refusal: kept out of search snippets (`data-nosnippet`) and the page marked
`noai, noimageai` (`remote_replies_refuse_ai`)."""

from federation.domains import without_limited
from federation.models import RemoteLike, RemoteReply
from federation.selectors import actor_indexable, federation_enabled
from federation.standing import unmuted_actors

REPLIES_SHOWN = 50


def fediverse_answers(photo) -> dict:
    """Nothing (and no query) while federation is off."""
    if not federation_enabled():
        return {"remote_replies": [], "remote_likes": 0}
    replies = without_limited(  # a limited server's replies stay out of public pages
        RemoteReply.objects.filter(unmuted_actors("author"), photo=photo, removed_at__isnull=True)
    )
    replies = replies.select_related("author").order_by("published", "id")[:REPLIES_SHOWN]
    replies = list(replies)
    for reply in replies:
        reply.indexable = actor_indexable(reply.author)
    return {
        "remote_replies": replies,
        "remote_replies_refuse_ai": any(not reply.indexable for reply in replies),
        "remote_likes": RemoteLike.objects.filter(photo=photo).count(),
    }

"""How people on other servers answered a photo here, as its page shows it: their replies
(not removed, their accounts not muted or suspended here, oldest first, the first
REPLIES_SHOWN) and the number of their likes."""

from federation.domains import without_limited
from federation.models import RemoteLike, RemoteReply
from federation.selectors import federation_enabled
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
    return {
        "remote_replies": list(replies),
        "remote_likes": RemoteLike.objects.filter(photo=photo).count(),
    }

"""How people on other servers answered a photo here, as its page shows it: their replies
(not removed by moderation nor by the photo's owner, their accounts not muted or suspended
here, oldest first, the first REPLIES_SHOWN) and the number of their likes.

Consent at the border (issue 20): a reply whose author is not `indexable`
(federation/selectors.py `actor_indexable`: Mastodon's opt-out of search, Candid's AI-training
refusal) is shown as Candid shows its own members' public content, with the signals that
carry the refusal: kept out of search snippets (`data-nosnippet`) and the page marked
`noai, noimageai` (`remote_replies_refuse_ai`).

The accounts the photo's owner blocked (federation/member_blocks.py) are left out for
everyone, their likes too: the owner's choice about their own photo. A viewer's own mutes
and blocks leave out, for that viewer alone, the replies of those accounts
(`fediverse_answers_for`)."""

from django.db.models import QuerySet

from federation.domains import without_limited
from federation.member_block_selectors import blocked_actor_ids, hidden_actors
from federation.models import RemoteLike, RemoteReply
from federation.selectors import actor_indexable, federation_enabled
from federation.standing import unmuted_actors
from photos.selectors import photos_visible_to

REPLIES_SHOWN = 50
# Removed by a moderation decision, or hidden by the photo's owner (federation/reply_removal.py)
NOT_REMOVED = {"removed_at__isnull": True, "removed_by_owner_at__isnull": True}


def fediverse_answers(photo, viewer=None) -> dict:
    """Nothing (and no query) while federation is off. `viewer`: leave out the replies of
    the accounts they blocked or muted."""
    if not federation_enabled():
        return {"remote_replies": [], "remote_likes": 0}
    replies = remote_replies_shown(photo)
    if viewer is not None:
        replies = replies.exclude(hidden_actors(viewer.pk))
    replies = replies.select_related("author").order_by("published", "id")[:REPLIES_SHOWN]
    replies = list(replies)
    for reply in replies:
        reply.indexable = actor_indexable(reply.author)
    return {
        "remote_replies": replies,
        "remote_replies_refuse_ai": any(not reply.indexable for reply in replies),
        "remote_likes": remote_likes_count(photo),
    }


def remote_likes_count(photo) -> int:
    """Likes from other servers, but for those of accounts the photo's owner blocked."""
    likes = RemoteLike.objects.filter(photo=photo)
    return likes.exclude(actor_id__in=blocked_actor_ids(photo.owner_id)).count()


def remote_replies_shown(photo) -> QuerySet[RemoteReply]:
    """The replies anyone may be shown: not removed, not from a muted, suspended, limited
    or blocked server's account, nor from an account the photo's owner blocked."""
    replies = RemoteReply.objects.filter(unmuted_actors("author"), photo=photo, **NOT_REMOVED)
    replies = replies.exclude(author_id__in=blocked_actor_ids(photo.owner_id))
    return without_limited(replies)  # a limited server's replies stay out of public pages


def viewer_hides_replies(photo, viewer) -> bool:
    """Whether the signed-in viewer blocked or muted an account that replied to the
    photo: then its replies are rendered for them alone. One small indexed query."""
    if not (federation_enabled() and viewer.is_authenticated):
        return False
    replies = RemoteReply.objects.filter(photo=photo, **NOT_REMOVED)
    return replies.filter(hidden_actors(viewer.pk)).exists()


def remote_reply_on_visible_photo(viewer, reply_id: int) -> RemoteReply | None:
    """A reply shown under a photo the viewer may see (what a Remove button names), with
    its photo and author; None for any other id."""
    replies = RemoteReply.objects.filter(pk=reply_id, photo__in=photos_visible_to(viewer))
    return replies.filter(**NOT_REMOVED).select_related("photo", "author").first()

"""A member's home feed: photos of the members they follow here and posts of the accounts
they follow on other servers, newest first, in one list.

Paged by keyset on each source at once: the cursor holds the position reached in each
(its signed (time, id)), a page takes the newest `size` of both sources after those
positions, so page 500 costs what page 1 costs and nothing is counted."""

from dataclasses import dataclass
from datetime import datetime

from django.core import signing
from django.db.models import Exists, OuterRef, Q, QuerySet

from core.keyset import CursorError
from federation.member_block_selectors import hidden_actors
from federation.models import OutgoingFollow, OutgoingLike, RemotePost
from federation.standing import shown_actors
from photos.models import Photo
from social.selectors import feed_for

SALT = "candid.federation.feed"


@dataclass(frozen=True)
class FeedItem:
    when: datetime
    photo: Photo | None = None
    post: RemotePost | None = None


@dataclass(frozen=True)
class FeedPage:
    items: list[FeedItem]
    next_cursor: str | None


def feed_page(viewer, *, photos: QuerySet[Photo], cursor: str | None, size: int) -> FeedPage:
    """`photos`: the viewer's feed photos, ready to present (feed_for, narrowed)."""
    position = _read(cursor)
    local = list(
        _after(photos, "created_at", position.get("p")).order_by("-created_at", "-id")[: size + 1]
    )
    remote = list(
        _after(remote_posts_for(viewer), "published", position.get("r"))
        .select_related("author", "shared_by")
        .annotate(liked=Exists(OutgoingLike.objects.filter(user=viewer, post=OuterRef("pk"))))
        .order_by("-published", "-id")[: size + 1]
    )
    merged = sorted(
        [FeedItem(p.created_at, photo=p) for p in local]
        + [FeedItem(r.published, post=r) for r in remote],
        key=lambda item: item.when,
        reverse=True,
    )
    taken = merged[:size]
    more = len(merged) > size
    return FeedPage(taken, _write(taken, position) if more else None)


def remote_posts_for(viewer) -> QuerySet[RemotePost]:
    followed = OutgoingFollow.objects.filter(
        follower=viewer, state=OutgoingFollow.State.ACCEPTED
    ).values("followee_id")
    posts = RemotePost.objects.filter(Q(author_id__in=followed) | Q(shared_by_id__in=followed))
    posts = posts.exclude(hidden_actors(viewer.pk)).exclude(hidden_actors(viewer.pk, "shared_by"))
    return posts.filter(shown_actors("author"), removed_at__isnull=True)


def remote_posts_actionable() -> QuerySet[RemotePost]:
    """The posts a member may like or answer: those of their feed and those they found by
    pasting a post's URL into search (federation.lookup). Every stored post is public
    (posts.post_store keeps no other), so it is any post not removed here by a decision,
    by an account that is shown."""
    return RemotePost.objects.filter(shown_actors("author"), removed_at__isnull=True)


def feed_photos(viewer, country: str = "") -> QuerySet[Photo]:
    return feed_for(viewer, country=country)


def _after(queryset: QuerySet, field: str, key) -> QuerySet:
    if not key:
        return queryset
    when, pk = datetime.fromisoformat(key[0]), key[1]
    return queryset.filter(Q(**{f"{field}__lt": when}) | Q(**{field: when, "pk__lt": pk}))


def _write(taken: list[FeedItem], position: dict) -> str:
    for item in taken:
        if item.photo is not None:
            position["p"] = [item.photo.created_at.isoformat(), item.photo.pk]
        else:
            position["r"] = [item.post.published.isoformat(), item.post.pk]
    return signing.dumps(position, salt=SALT, compress=True)


def _read(cursor: str | None) -> dict:
    if not cursor:
        return {}
    try:
        position = signing.loads(cursor, salt=SALT)
        for key in ("p", "r"):
            if key in position:
                datetime.fromisoformat(position[key][0])
                int(position[key][1])
    except (signing.BadSignature, ValueError, TypeError, IndexError, KeyError):
        raise CursorError() from None
    return position

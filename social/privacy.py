"""Social part of a user's export and erasure (see rights/registry.py): follows in both
directions, follow requests, blocks, mutes, favourites, comments written and received."""

from social.models import AudienceSetting, Block, Comment, Favourite, Follow, FollowRequest, Mute

SECTION = "social"
README = """\
### social/

- `following.json` and `followers.json`: whom you follow and who follows you (usernames
  and since when).
- `follow_requests_sent.json` and `follow_requests_received.json`: requests to follow
  (usernames, state: pending, accepted, refused or cancelled, when).
- `blocked.json` and `muted.json`: the accounts you blocked or muted (usernames, since when).
- `audience.json`: your choice of follow approval.
- `favourites.json`: the photos you favourited (id, owner's username, when).
- `comments_written.json`: every comment you wrote, on any photo.
- `comments_received.json`: the comments others wrote on your photos.
"""
CHUNK = 1000


def export(user, writer) -> None:
    _array(
        writer,
        "social/following.json",
        Follow.objects.filter(follower=user).order_by("id"),
        ("followee__username", "created_at"),
        {"followee__username": "username"},
    )
    _array(
        writer,
        "social/followers.json",
        Follow.objects.filter(followee=user).order_by("id"),
        ("follower__username", "created_at"),
        {"follower__username": "username"},
    )
    _array(
        writer,
        "social/follow_requests_sent.json",
        FollowRequest.objects.filter(follower=user).order_by("id"),
        ("followee__username", "state", "created_at", "decided_at"),
        {"followee__username": "username"},
    )
    _array(
        writer,
        "social/follow_requests_received.json",
        FollowRequest.objects.filter(followee=user).order_by("id"),
        ("follower__username", "state", "created_at", "decided_at"),
        {"follower__username": "username"},
    )
    _array(
        writer,
        "social/blocked.json",
        Block.objects.filter(blocker=user).order_by("id"),
        ("blocked__username", "created_at"),
        {"blocked__username": "username"},
    )
    _array(
        writer,
        "social/muted.json",
        Mute.objects.filter(muter=user).order_by("id"),
        ("muted__username", "created_at"),
        {"muted__username": "username"},
    )
    _array(
        writer,
        "social/audience.json",
        AudienceSetting.objects.filter(user=user),
        ("follow_approval", "updated_at"),
    )
    _array(
        writer,
        "social/favourites.json",
        Favourite.objects.filter(user=user).order_by("id"),
        ("photo_id", "photo__owner__username", "created_at"),
        {"photo__owner__username": "owner"},
    )
    _array(
        writer,
        "social/comments_written.json",
        Comment.objects.filter(author=user).order_by("id"),
        ("id", "photo_id", "body", "created_at", "removed_at"),
    )
    _array(
        writer,
        "social/comments_received.json",
        Comment.objects.filter(photo__owner=user).exclude(author=user).order_by("id"),
        ("id", "photo_id", "author__username", "body", "created_at", "removed_at"),
        {"author__username": "author"},
    )


def _array(writer, name: str, queryset, fields: tuple, rename: dict | None = None) -> None:
    rename = rename or {}
    with writer.json_array(name) as out:
        for row in queryset.values(*fields).iterator(chunk_size=CHUNK):
            out.append({rename.get(k, k): v for k, v in row.items()})


def erase(user, *, holds) -> dict[str, int]:
    """Comments a legal hold keeps stay (moderation's evidence of them is separate);
    comments others wrote on the user's photos go with the photos."""
    comments = Comment.objects.filter(author=user)
    held = [pk for pk in comments.values_list("pk", flat=True) if holds.keeps("comment", pk)]
    deleted, _ = comments.exclude(pk__in=held).delete()
    favourites, _ = Favourite.objects.filter(user=user).delete()
    follows, _ = Follow.objects.filter(follower=user).delete()
    followers, _ = Follow.objects.filter(followee=user).delete()
    requests, _ = FollowRequest.objects.filter(follower=user).delete()
    requested, _ = FollowRequest.objects.filter(followee=user).delete()
    blocks, _ = Block.objects.filter(blocker=user).delete()
    mutes, _ = Mute.objects.filter(muter=user).delete()
    AudienceSetting.objects.filter(user=user).delete()
    return {
        "comments_deleted": deleted,
        "comments_held": len(held),
        "favourites_deleted": favourites,
        "follows_deleted": follows + followers,
        "follow_requests_deleted": requests + requested,
        "blocks_deleted": blocks,
        "mutes_deleted": mutes,
    }

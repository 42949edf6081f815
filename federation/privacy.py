"""Federation part of a user's export and erasure (see rights/registry.py).

Erasure tells every server that holds a copy: before the account is anonymised (the
registry erases in reverse, accounts last, so the member's actor id and key still stand),
each photo sent to other servers gets its `Delete` to every inbox that received it, and
the actor its `Delete` to the followers' servers (Mastodon and Pixelfed then drop the
account and its posts); the follows in both directions end."""

from federation.models import (
    FederatedPhoto,
    LocalActor,
    MemberRemoteBlock,
    MemberRemoteMute,
    OutgoingFollow,
    RemoteFollow,
)
from federation.services import findable_set
from federation.sync import photo_retract

SECTION = "federation"
README = """\
### federation/

- `choices.json`: whether you are findable from other servers, and whether you load their
  images directly.
- `followers.json`: the accounts on other servers that follow you (their address, since when).
- `following.json`: the accounts on other servers you follow (their address, since when).
- `blocked.json`, `muted.json`: the accounts on other servers you blocked or muted (their
  address, since when).
- `photos_sent.json`: your photos sent to other servers (photo id, when, which servers'
  inboxes, and when a `Delete` followed).
"""


def export(user, writer) -> None:
    actor = LocalActor.objects.filter(user=user).first()
    writer.write_json(
        "federation/choices.json",
        {
            "findable": actor.findable if actor else None,
            "images_direct": actor.images_direct if actor else False,
        },
    )
    followers = RemoteFollow.objects.filter(followee=user).order_by("pk")
    writer.write_json(
        "federation/followers.json",
        [{"actor": f.follower.uri, "since": f.created_at.isoformat()} for f in followers],
    )
    following = OutgoingFollow.objects.filter(follower=user).order_by("pk")
    writer.write_json(
        "federation/following.json",
        [{"actor": f.followee.uri, "since": f.created_at.isoformat()} for f in following],
    )
    for name, rows in (("blocked", MemberRemoteBlock), ("muted", MemberRemoteMute)):
        chosen = rows.objects.filter(member=user).select_related("actor").order_by("pk")
        writer.write_json(
            f"federation/{name}.json",
            [{"actor": r.actor.uri, "since": r.created_at.isoformat()} for r in chosen],
        )
    sent = FederatedPhoto.objects.filter(owner_id=user.pk).order_by("pk")
    writer.write_json(
        "federation/photos_sent.json",
        [
            {
                "photo_id": s.photo_id,
                "published_at": s.published_at.isoformat(),
                "inboxes": s.inboxes,
                "retracted_at": s.retracted_at.isoformat() if s.retracted_at else None,
            }
            for s in sent
        ],
    )


def erase(user, *, holds) -> dict[str, int]:
    sent = list(FederatedPhoto.objects.filter(owner_id=user.pk, retracted_at__isnull=True))
    for row in sent:
        photo_retract(row)
    if LocalActor.objects.filter(user=user).exists():  # never federated: nothing to tell
        findable_set(user=user, findable=False)
    following, _ = OutgoingFollow.objects.filter(follower=user).delete()
    blocks, _ = MemberRemoteBlock.objects.filter(member=user).delete()
    mutes, _ = MemberRemoteMute.objects.filter(member=user).delete()
    return {
        "photos_retracted": len(sent),
        "remote_following_ended": following,
        "remote_blocks_deleted": blocks,
        "remote_mutes_deleted": mutes,
    }

"""An account on another server moving to a new one (`Move`): members here who followed
the old account follow the new one, and the old follow ends; posts already received stay.

Peers disagree on the shape: Mastodon sends actor = object = the old account and target =
the new; Pixelfed's 2024 code puts the new account in actor and object and the old in
target, signed by the old account's key. So position decides nothing. The activity must
name exactly two accounts; the old one is the signer (only an account may announce its own
move), and the new one must list the old in its `alsoKnownAs`, fetched fresh from its
server (only the new account can say it is the same person), as Mastodon checks."""

from django.db import transaction

from core.errors import ServiceError
from core.events import event_record
from federation.fetch import FetchRefused
from federation.following import remote_follow, remote_unfollow
from federation.models import OutgoingFollow
from federation.parsing import as_id, as_list
from federation.remote_actors import actor_refresh


@transaction.atomic
def account_moved(signer_uri: str, activity: dict) -> str:
    named = {as_id(activity.get(key)) for key in ("actor", "object", "target")} - {None}
    if len(named) != 2 or signer_uri not in named:
        return "refused: a move names the old and the new account, and the old one signs it"
    [new_uri] = named - {signer_uri}
    try:
        old, new = actor_refresh(signer_uri), actor_refresh(new_uri)
    except FetchRefused as refusal:
        return f"refused: {refusal}"
    if old.uri not in as_list(new.document.get("alsoKnownAs")):
        return "refused: the new account does not name the old one in alsoKnownAs"
    moved = 0
    for follow in OutgoingFollow.objects.filter(followee=old).select_related("follower"):
        try:
            remote_follow(follower=follow.follower, followee=new)
        except ServiceError:
            continue
        remote_unfollow(follower=follow.follower, followee=old)
        moved += 1
    event_record(
        kind="federation.account_moved",
        subject=new,
        data={"from": old.domain, "to": new.domain, "follows": moved},
    )
    return f"{moved} follow moved" if moved == 1 else f"{moved} follows moved"

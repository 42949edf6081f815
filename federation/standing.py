"""What moderation's measures on a remote account mean here: muted, its replies are not
shown under photos; suspended (until a date) or terminated, nothing it sends is accepted
and nothing of it is shown (moderation/services/enforcement.py sets the fields)."""

from django.db.models import Q
from django.utils import timezone

from federation.models import RemoteActor


def remote_actor_shown(actor: RemoteActor) -> bool:
    """Not suspended or terminated here."""
    if actor.terminated_at is not None:
        return False
    return actor.suspended_until is None or actor.suspended_until <= timezone.now()


def shown_actors(prefix: str = "") -> Q:
    """The filter for `remote_actor_shown`, on the actor reached through `prefix`."""
    field = f"{prefix}__" if prefix else ""
    return Q(**{f"{field}terminated_at__isnull": True}) & (
        Q(**{f"{field}suspended_until__isnull": True})
        | Q(**{f"{field}suspended_until__lte": timezone.now()})
    )


def unmuted_actors(prefix: str = "") -> Q:
    field = f"{prefix}__" if prefix else ""
    return shown_actors(prefix) & Q(**{f"{field}muted_at__isnull": True})

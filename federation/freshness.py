"""Accounts elsewhere re-fetched when stale (issue 19: "fetched, cached, re-fetched when
stale"): a stored actor document older than STALE_AFTER is fetched again by the worker,
never inside a web request.

- Shown (the search page's card, the API's lookup) or found by search: a known account is
  answered from the store at once and, when stale, one refresh task is queued for it
  (`refresh_queued_at` keeps a second from being queued within the stale window, however
  often it is shown meanwhile). Only an account Candid does not know yet is fetched during
  the search, as the search always did (lookup.py).
- The upkeep (upkeep.py) queues the stalest accounts that members here follow, a bounded
  batch a run, so the names and avatars in the home feed do not wait for a search.

A day: names, avatars and keys change rarely, and a key that changed sooner is fetched
again at once when a signature stops verifying (remote_actors.public_key_for)."""

from datetime import timedelta
from urllib.parse import urlsplit

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from core.tasks import task_enqueue
from federation.domains import blocked
from federation.fetch import FetchRefused
from federation.lookup import HANDLE, Found, remote_actor_find, remote_find
from federation.models import OutgoingFollow, RemoteActor
from federation.remote_actors import actor_refresh, actor_stored
from federation.selectors import known_remote_actor

STALE_AFTER = timedelta(days=1)
UPKEEP_BATCH = 20  # a minute's upkeep; 28,800 accounts a day at most
REFRESH_TASK = "federation.tasks.remote_actor_refresh_task"


def actor_stale(actor: RemoteActor) -> bool:
    return actor.fetched_at < timezone.now() - STALE_AFTER


def _unqueued(cutoff) -> Q:
    return Q(fetched_at__lt=cutoff) & (
        Q(refresh_queued_at__isnull=True) | Q(refresh_queued_at__lt=cutoff)
    )


def actor_refresh_queue(actor: RemoteActor) -> bool:
    """Queue one refresh of a stale actor, unless one was queued within the stale window;
    whether it was queued. The claim is one conditional UPDATE, so two requests at once
    queue one task."""
    if not actor_stale(actor):
        return False
    now = timezone.now()
    claimed = RemoteActor.objects.filter(_unqueued(now - STALE_AFTER), pk=actor.pk).update(
        refresh_queued_at=now
    )
    if claimed:
        transaction.on_commit(lambda: task_enqueue(REFRESH_TASK, actor.pk))
    return bool(claimed)


def remote_actor_renew(actor_id: int) -> str:
    """The worker's refresh: the document fetched again (signed, as every fetch) and
    stored. A failed fetch keeps the stored copy; it is tried again once the stale window
    since it was queued has passed."""
    actor = RemoteActor.objects.filter(pk=actor_id).first()
    if actor is None:
        return "no such actor"
    if not actor_stale(actor):
        return "fresh"
    if blocked(actor.domain):
        return "server blocked"
    try:
        actor_refresh(actor.uri)
    except FetchRefused as error:
        return f"not refreshed: {error}"[:300]
    return "refreshed"


def remote_actor_lookup(query: str) -> RemoteActor:
    """The account `query` names (`@name@server` or its URL): as stored when Candid knows
    it, with a refresh queued when stale; otherwise fetched now (FetchRefused when it
    cannot be found)."""
    actor = _stored_for(query.strip())
    if actor is None:
        return remote_actor_find(query)
    actor_refresh_queue(actor)
    return actor


def remote_lookup(query: str) -> Found:
    """What the search finds for `query`: a known account as stored (refresh queued when
    stale), else the account or post fetched now (lookup.remote_find)."""
    actor = _stored_for(query.strip())
    if actor is None:
        return remote_find(query)
    actor_refresh_queue(actor)
    return Found(actor=actor)


def _stored_for(query: str) -> RemoteActor | None:
    if match := HANDLE.match(query):
        host = match["host"]
        actor = known_remote_actor(match["name"], host)
        other_port = ":" in host and actor is not None and urlsplit(actor.uri).netloc != host
        return None if other_port else actor
    if query.startswith(("https://", "http://")):
        return actor_stored(query)
    return None


def stale_followed_enqueue(limit: int = UPKEEP_BATCH) -> int:
    """Upkeep: queue a refresh of the `limit` stalest accounts members here follow (not
    those moderation terminated), oldest first; the number queued."""
    followed = OutgoingFollow.objects.filter(
        followee=OuterRef("pk"), state=OutgoingFollow.State.ACCEPTED
    )
    candidates = (
        RemoteActor.objects.filter(_unqueued(timezone.now() - STALE_AFTER), Exists(followed))
        .filter(terminated_at__isnull=True)
        .order_by("fetched_at")
        .only("pk", "fetched_at")[:limit]
    )
    return sum(actor_refresh_queue(actor) for actor in candidates)

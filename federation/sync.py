"""Keeping other servers in step with what may federate, by following the event log.

Every service logs its change in the same transaction (STYLE.md), so rather than a hook
in each service that can change whether a photo may leave Candid (upload, edit, delete,
a moderation decision, withholding, suspension, erasure, a member's choice), the worker's
upkeep reads the new events (EventsFollowed) and re-decides each photo they name:
- may federate and not yet sent: `Create` to the owner's remote followers;
- sent and may no longer federate: `Delete` (a Tombstone) to them, logged;
- sent, still federating, edited: `Update`.
Only members with remote followers have anything sent. A photo is re-decided from its
current state, so reading an event twice sends nothing twice."""

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.events import event_record
from core.models import Event
from federation import addresses
from federation.actors import local_actor_for
from federation.delivery import deliveries_queue
from federation.documents import AS_CONTEXT, AS_PUBLIC, photo_object
from federation.measures import measures_send
from federation.models import EventsFollowed, FederatedPhoto, RemoteFollow
from federation.selectors import federated_photo
from moderation.models import Decision

BATCH = 500
PHOTO = "photos.photo"
USER = "accounts.user"
DECISION = "moderation.decision"


def events_follow(batch: int = BATCH) -> int:
    """Read up to `batch` new events and re-decide the photos they name."""
    with transaction.atomic():
        mark, _ = EventsFollowed.objects.select_for_update().get_or_create(pk=1)
        events = list(
            Event.objects.filter(pk__gt=mark.upto)
            .order_by("pk")
            .values("pk", "kind", "subject_type", "subject_id")[:batch]
        )
        for photo_id, edited in _photos_named(events).items():
            photo_sync(photo_id, edited=edited)
        measures_send(events)
        if events:
            mark.upto = events[-1]["pk"]
            mark.save(update_fields=["upto"])
    return len(events)


def _photos_named(events: list[dict]) -> dict[int, bool]:
    """photo id -> whether it was edited, for the photos these events can affect."""
    photos: dict[int, bool] = {}
    for event in events:
        if event["subject_type"] == PHOTO and event["subject_id"]:
            edited = event["kind"] == "photo.updated"
            photos[event["subject_id"]] = photos.get(event["subject_id"], False) or edited
    users = {e["subject_id"] for e in events if e["subject_type"] == USER and e["subject_id"]}
    decided = [e["subject_id"] for e in events if e["subject_type"] == DECISION]
    if decided:
        users |= set(_owners_decided(decided))
    sent = FederatedPhoto.objects.filter(owner_id__in=users, retracted_at__isnull=True)
    for photo_id in sent.values_list("photo_id", flat=True):
        photos.setdefault(photo_id, False)
    return photos


def _owners_decided(decision_ids: list[int]) -> list[int]:
    return list(
        Decision.objects.filter(pk__in=decision_ids, case__target_owner__isnull=False).values_list(
            "case__target_owner_id", flat=True
        )
    )


def photo_sync(photo_id: int, *, edited: bool = False) -> str:
    photo = federated_photo(photo_id)
    sent = FederatedPhoto.objects.filter(photo_id=photo_id).first()
    if photo is not None and (sent is None or sent.retracted_at is not None):
        return _publish(photo, sent)
    if photo is None and sent is not None and sent.retracted_at is None:
        return _retract(sent)
    if photo is not None and edited:
        return _send(photo.owner, _activity("Update", photo_object(photo), photo.owner))
    return "unchanged"


def _publish(photo, sent: FederatedPhoto | None) -> str:
    if not _follower_inboxes(photo.owner_id):
        return "no remote followers"
    FederatedPhoto.objects.update_or_create(
        photo_id=photo.pk,
        defaults={"owner_id": photo.owner_id, "published_at": timezone.now(), "retracted_at": None},
    )
    return _send(photo.owner, _activity("Create", photo_object(photo), photo.owner))


def _retract(sent: FederatedPhoto) -> str:
    owner = User.objects.filter(pk=sent.owner_id).first()
    sent.retracted_at = timezone.now()
    sent.save(update_fields=["retracted_at"])
    event_record(kind="federation.photo_retracted", data={"photo_id": sent.photo_id})
    if owner is None:
        return "retracted; owner gone"
    tombstone = {"id": addresses.photo_id(sent.photo_id), "type": "Tombstone"}
    return _send(owner, _activity("Delete", tombstone, owner))


def _activity(kind: str, obj: dict, owner: User) -> dict:
    """The object's context moves up to the activity: without it the photo's Candid and
    Mastodon terms (sensitive, blurhash, consent, licence) would mean nothing in JSON-LD."""
    context = obj.get("@context", AS_CONTEXT)
    obj = {key: value for key, value in obj.items() if key != "@context"}
    actor = addresses.actor_id(owner.username)
    return {
        "@context": context,
        "id": f"{obj['id']}#{kind.lower()}/{int(timezone.now().timestamp())}",
        "type": kind,
        "actor": actor,
        "to": [AS_PUBLIC],
        "cc": [addresses.followers(owner.username)],
        "object": obj,
    }


def _send(owner: User, activity: dict) -> str:
    inboxes = _follower_inboxes(owner.pk)
    deliveries_queue(sender=local_actor_for(owner), activity=activity, inboxes=inboxes)
    return f"{activity['type']} to {len(inboxes)} inbox(es)"


def _follower_inboxes(owner_id: int) -> list[str]:
    """One inbox per server where it has a shared one."""
    rows = RemoteFollow.objects.filter(
        followee_id=owner_id, state=RemoteFollow.State.ACCEPTED
    ).values_list("follower__shared_inbox", "follower__inbox")
    return list(dict.fromkeys(shared or inbox for shared, inbox in rows))

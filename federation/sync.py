"""Keeping other servers in step with what may federate, by following the event log.

Every service logs its change in the same transaction (STYLE.md), so rather than a hook
in each service that can change whether a photo may leave Candid (upload, edit, delete,
a moderation decision, withholding, suspension, erasure, a member's choice), the worker's
upkeep reads the new events (EventsFollowed) and re-decides each photo they name:
- may federate and not yet sent (or sent, retracted and now back, e.g. restored after a
  won appeal): `Create` to the owner's remote followers;
- sent and may no longer federate: `Delete` (a Tombstone) to every inbox it was sent to
  and to the current followers, logged;
- sent, still federating, edited or its consent terms changed: `Update`.
When a moderation decision (or its reversal) caused the change, the deliveries carry the
case, which lists them (issue 20: decisions reach every copy). Only members with remote
followers have anything sent. A photo is re-decided from its current state, so reading an
event twice sends nothing twice.
A member's change of what their actor document says (name, bio, avatar, indexing and
AI-training choices, follow approval) sends an `Update` of it (actor_updates.py).
A member's new follow approval that no longer asks for a decision accepts the follows
from other servers that were waiting for one (as it does for members' requests)."""

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from consent.models import ConsentChange
from core.events import event_record
from core.models import Event
from federation import addresses
from federation.actor_updates import actor_updates_send
from federation.actors import local_actor_for
from federation.delivery import deliveries_queue
from federation.documents import AS_CONTEXT, AS_PUBLIC, photo_object
from federation.follow_requests import remote_follow_requests_settle
from federation.measures import measures_send
from federation.models import EventsFollowed, FederatedPhoto
from federation.selectors import federated_photo, follower_inboxes
from moderation.models import Decision
from photos.blurhash import photo_blurhash

BATCH = 500
PHOTO = "photos.photo"
USER = "accounts.user"
DECISION = "moderation.decision"
# Member events that cannot change whether their photos may federate: not worth re-deciding
# every photo they sent. Any other member event (a suspension, an erasure, a choice not to
# be findable, a kind added later) re-decides them all.
NO_BEARING = (
    "account.email",
    "account.password",
    "account.preferences",
    "account.profile",
    "account.session",
    "account.upload_defaults",
    "staff.",
)
APPROVAL_SET = "audience.approval_set"
CONSENT_CHANGE = "consent.consentchange"
CASE_PHOTO = "photo"


def events_follow(batch: int = BATCH) -> int:
    """Read up to `batch` new events and re-decide the photos they name."""
    with transaction.atomic():
        mark, _ = EventsFollowed.objects.select_for_update().get_or_create(pk=1)
        events = list(
            Event.objects.filter(pk__gt=mark.upto)
            .order_by("pk")
            .values("pk", "kind", "subject_type", "subject_id", "actor_id")[:batch]
        )
        photos, cases = _photos_named(events)
        for photo_id, edited in photos.items():
            photo_sync(photo_id, edited=edited, case_id=cases.get(photo_id))
        measures_send(events)
        actor_updates_send(events)
        for member_id in {e["actor_id"] for e in events if e["kind"] == APPROVAL_SET}:
            remote_follow_requests_settle(member_id)
        if events:
            mark.upto = events[-1]["pk"]
            mark.save(update_fields=["upto"])
    return len(events)


def _photos_named(events: list[dict]) -> tuple[dict[int, bool], dict[int, int]]:
    """photo id -> whether it was edited, for the photos these events can affect; and
    photo id -> the moderation case whose decision affected it."""
    photos: dict[int, bool] = {}
    for event in events:
        if event["subject_type"] == PHOTO and event["subject_id"]:
            edited = event["kind"] == "photo.updated"
            photos[event["subject_id"]] = photos.get(event["subject_id"], False) or edited
    users = {
        e["subject_id"]
        for e in events
        if e["subject_type"] == USER and e["subject_id"] and not e["kind"].startswith(NO_BEARING)
    }
    decided = [e["subject_id"] for e in events if e["subject_type"] == DECISION]
    cases = _cases_decided(decided, photos) if decided else {}
    changes = [e["subject_id"] for e in events if e["subject_type"] == CONSENT_CHANGE]
    if changes:
        _consent_changed(changes, photos)
    sent = FederatedPhoto.objects.filter(owner_id__in=users, retracted_at__isnull=True)
    for photo_id in sent.values_list("photo_id", flat=True):
        photos.setdefault(photo_id, False)
    return photos, cases


def _cases_decided(decision_ids: list[int], photos: dict) -> dict[int, int]:
    """A decision about a photo names the photo, about an account every photo of its owner
    ever sent (also those retracted earlier: a reversal brings them back). photo id -> case
    id."""
    cases: dict[int, int] = {}
    rows = Decision.objects.filter(pk__in=decision_ids).values_list(
        "case_id", "case__target_type", "case__target_id", "case__target_owner_id"
    )
    for case_id, target_type, target_id, owner_id in rows:
        if target_type == CASE_PHOTO and target_id:
            photos.setdefault(target_id, False)
            cases[target_id] = case_id
        elif owner_id:  # an account measure, or its reversal: every photo ever sent
            sent = list(
                FederatedPhoto.objects.filter(owner_id=owner_id).values_list("photo_id", flat=True)
            )
            for photo_id in sent:
                photos.setdefault(photo_id, False)
            cases.update(dict.fromkeys(sent, case_id))
    return cases


def _consent_changed(change_ids: list[int], photos: dict) -> None:
    """The photo's consent terms travel in its object: a change of them is an edit, of
    the photo it names or of every sent photo of the member."""
    rows = ConsentChange.objects.filter(pk__in=change_ids).values_list("user_id", "photo_ref")
    for user_id, photo_id in rows:
        named = [photo_id] if photo_id else _sent_of(user_id)
        for pk in named:
            photos[pk] = True


def _sent_of(owner_id: int) -> list[int]:
    sent = FederatedPhoto.objects.filter(owner_id=owner_id, retracted_at__isnull=True)
    return list(sent.values_list("photo_id", flat=True))


def photo_sync(photo_id: int, *, edited: bool = False, case_id: int | None = None) -> str:
    photo = federated_photo(photo_id)
    sent = FederatedPhoto.objects.filter(photo_id=photo_id).first()
    if photo is not None and (sent is None or sent.retracted_at is not None):
        return _publish(photo, sent, case_id)
    if photo is None and sent is not None and sent.retracted_at is None:
        return _retract(sent, case_id)
    if photo is not None and edited:
        photo_blurhash(photo)
        activity = _activity("Update", photo_object(photo), photo.owner)
        return _send(photo.owner, activity, sent, case_id)
    return "unchanged"


def _publish(photo, sent: FederatedPhoto | None, case_id: int | None) -> str:
    if not follower_inboxes(photo.owner_id):
        return "no remote followers"
    photo_blurhash(photo)
    sent, _ = FederatedPhoto.objects.update_or_create(
        photo_id=photo.pk,
        defaults={"owner_id": photo.owner_id, "published_at": timezone.now(), "retracted_at": None},
    )
    activity = _activity("Create", photo_object(photo), photo.owner)
    return _send(photo.owner, activity, sent, case_id)


def photo_retract(sent: FederatedPhoto) -> str:
    """A `Delete` of a sent photo now, whatever its state (the owner erasing the account)."""
    return _retract(sent, None)


def _retract(sent: FederatedPhoto, case_id: int | None) -> str:
    owner = User.objects.filter(pk=sent.owner_id).first()
    sent.retracted_at = timezone.now()
    sent.save(update_fields=["retracted_at"])
    event_record(
        kind="federation.photo_retracted", data={"photo_id": sent.photo_id, "case_id": case_id}
    )
    if owner is None:
        return "retracted; owner gone"
    tombstone = {"id": addresses.photo_id(sent.photo_id), "type": "Tombstone"}
    return _send(owner, _activity("Delete", tombstone, owner), sent, case_id)


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


def _send(owner: User, activity: dict, sent: FederatedPhoto | None, case_id: int | None) -> str:
    """To the current followers' inboxes and, for an Update or Delete, every inbox the photo
    went to before; the inboxes are recorded on the photo."""
    inboxes = follower_inboxes(owner.pk)
    if sent is not None:
        if activity["type"] != "Create":
            inboxes = list(dict.fromkeys([*sent.inboxes, *inboxes]))
        sent.inboxes = list(dict.fromkeys([*sent.inboxes, *inboxes]))
        sent.save(update_fields=["inboxes"])
    deliveries_queue(
        sender=local_actor_for(owner), activity=activity, inboxes=inboxes, case_id=case_id
    )
    return f"{activity['type']} to {len(inboxes)} inbox(es)"

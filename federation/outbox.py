"""A member's outbox: their federated photos as `Create` activities, newest first, in
keyset pages (`?page=<cursor>`), so page 500 costs what page 1 costs."""

from urllib.parse import urlencode

from accounts.models import User
from consent.selectors.consent import consent_states
from core.keyset import keyset_page
from federation import addresses
from federation.documents import AS_PUBLIC, CONTEXT, photo_object
from federation.selectors import federated_photos_of

PAGE_SIZE = 20


def outbox_page(user: User, cursor: str | None) -> dict:
    """The collection itself without `page`, else one page of it."""
    collection = addresses.outbox(user.username)
    if cursor is None:
        return {
            "@context": CONTEXT,
            "id": collection,
            "type": "OrderedCollection",
            "first": f"{collection}?{urlencode({'page': ''})}",
        }
    photos = (
        federated_photos_of(user)
        .select_related("owner")
        .prefetch_related("tags")
        .order_by("-created_at", "-id")
    )
    page = keyset_page(photos, cursor=cursor or None, size=PAGE_SIZE)
    allowed = consent_states(page.items)
    document = {
        "@context": CONTEXT,
        "id": f"{collection}?{urlencode({'page': cursor})}",
        "type": "OrderedCollectionPage",
        "partOf": collection,
        "orderedItems": [create_activity(photo, allowed[photo.pk]) for photo in page.items],
    }
    if page.next_cursor:
        document["next"] = f"{collection}?{urlencode({'page': page.next_cursor})}"
    return document


def create_activity(photo, allowed: dict[str, bool] | None = None) -> dict:
    note = photo_object(photo, allowed)
    note.pop("@context")
    return {
        "id": note["id"] + "#create",
        "type": "Create",
        "actor": note["attributedTo"],
        "published": note["published"],
        "to": [AS_PUBLIC],
        "cc": note["cc"],
        "object": note,
    }

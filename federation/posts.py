"""Posts from other servers: read liberally (Mastodon's `Document` attachments, Pixelfed's
`Image` with a null `name`, `+00:00` times, a string where a list is expected) and kept
only when they carry images, and when someone here follows their author (handlers.py) or
a member looked the post up (lookup.py)."""

from datetime import datetime
from html import unescape

from django.utils import timezone
from django.utils.html import strip_tags

from federation.fetch import FetchRefused, fetch_document
from federation.models import OutgoingFollow, RemoteActor, RemotePost
from federation.parsing import as_id, as_list

IMAGE_TYPES = {"Image", "Document"}
MAX_ATTACHMENTS = 20


def followed_here(author: RemoteActor) -> bool:
    return OutgoingFollow.objects.filter(
        followee=author, state=OutgoingFollow.State.ACCEPTED
    ).exists()


# What Candid keeps as a post when it carries images (a pasted URL, a Create, an Update).
POST_TYPES = ("Note", "Article", "Image", "Page", "Video", "Question")


def post_fetched(uri: str) -> dict:
    """The post at `uri`, fetched from its own server (when an activity names it by its
    URI alone); FetchRefused when it cannot be, or is not a post at that address."""
    note = fetch_document(uri)
    if as_id(note) != uri:
        raise FetchRefused("the fetched object's id is not its URL")
    if note.get("type") not in POST_TYPES:
        raise FetchRefused(f"the object is a {str(note.get('type'))[:32]}, not a post")
    return note


def post_store(
    author: RemoteActor, note: dict, *, shared_by: RemoteActor | None = None
) -> RemotePost | None:
    """Create or update the post from its Note; None when it has no images or is not public.
    `shared_by`: the followed account whose Announce brought it (kept on later updates)."""
    images = _images(note)
    if not images or not _public(note):
        return None
    values = {
        "author": author,
        "url": as_id(note.get("url")) or as_id(note) or "",
        "text": unescape(strip_tags(str(note.get("content") or "")))[:5000],
        "summary": str(note.get("summary") or "")[:500],
        "sensitive": bool(note.get("sensitive")),
        "attachments": images,
        "published": _instant(note.get("published")),
    }
    if shared_by is not None:
        values["shared_by"] = shared_by
    post, _ = RemotePost.objects.update_or_create(uri=as_id(note), defaults=values)
    return post


def _public(note: dict) -> bool:
    audience = as_list(note.get("to")) + as_list(note.get("cc"))
    return any(
        str(a) in ("https://www.w3.org/ns/activitystreams#Public", "as:Public", "Public")
        for a in audience
    )


def _images(note: dict) -> list[dict]:
    images = []
    for item in as_list(note.get("attachment"))[:MAX_ATTACHMENTS]:
        if not isinstance(item, dict) or item.get("type") not in IMAGE_TYPES:
            continue
        media = str(item.get("mediaType") or "")
        url = as_id(item.get("url")) if not isinstance(item.get("url"), list) else None
        if isinstance(item.get("url"), list):
            url = as_id(item["url"][0]) if item["url"] else None
        if not url or (media and not media.startswith("image/")):
            continue
        images.append(
            {
                "url": url,
                "name": str(item.get("name") or ""),
                "width": _int(item.get("width")),
                "height": _int(item.get("height")),
                "blurhash": str(item.get("blurhash") or ""),
            }
        )
    return images


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _instant(value) -> datetime:
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return timezone.now()
    return parsed if parsed.tzinfo else timezone.make_aware(parsed, timezone.utc)

"""The photo page's shared parts: rendered once per photo and content version.

The photo, its header, description, facts, tags, comment thread and the unbound comment
form's fields are the same for everyone who may see the photo; only the favourite button,
the report and owner links and the comment forms (each with the viewer's CSRF token) are
the viewer's. The shared parts are one cache entry (web/page_parts.py) under `photo_key`,
the content version of web/grid_cache.py plus the photo's id, so any service write (an
edit, a comment, a consent change that moves the rendition URLs) shows at once.

A photo every visitor may see (the visibility selector asked for a visitor) is kept in
that same entry and serves everyone: a warm page is one cache read, and the viewer costs
one small query for their own favourite. Any other photo is fetched for the viewer through
the selector on every request, and its parts are read only once the viewer may see it.

The comment thread carries per-viewer delete buttons for the photo's owner and for each
comment's author, so the shared thread is used only by viewers who have none: whoever is
neither the owner nor one of the thread's authors (kept in the entry). It is rendered for
a visitor, so it holds no button and no token. The replies from other servers are
likewise rendered again, with their Remove buttons, for the photo's owner alone, and only
when the shared part shows any (`has_remote_replies`, kept in the entry).
"""

from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string

from consent.selectors.consent import consent_state
from federation.answers import fediverse_answers, viewer_hides_replies
from photos.selectors import photos_visible_to
from social.audience_selectors import blocked_between
from social.selectors import comments_on, favourited_by, with_favourite_counts
from web.forms import CommentForm
from web.page_parts import cached_parts, render_parts
from web.views.moderation_common import parts_version

PHOTO_PARTS = {
    "head": "openweb/_photo_head.html",  # robots, OpenGraph and oEmbed: the photo's alone
    "top": "photos/_top.html",
    "facts": "photos/_facts.html",
    "comments": "photos/_comments.html",
    "imported_comments": "photos/_imported_comments.html",  # kept from a move (Flickr)
    "comment_form": "_form.html",
    "fediverse": "photos/_fediverse.html",  # replies and likes from other servers
}


def photo_key(photo_id: int) -> str:
    """Read before the photo, so a cached part is never older than its key."""
    return f"{parts_version()}|{photo_id}"


def photo_and_parts(request, photo_id: int, key: str):
    """(photo, parts), or (None, None) if the viewer may not see the photo. The photo has
    `favourite_count` and the viewer's `favourited`; when the parts were rendered just
    now, also `thread`, the comments they show (`thread_of`)."""
    thread = []
    entry = cached_parts(f"candid:photo-page:v3:{key}", lambda: _shared_entry(photo_id, thread))
    if entry["row"] is None:
        visible = photos_visible_to(request.user).filter(pk=photo_id)
        photo = with_favourite_counts(visible, request.user).first()
        if photo is None:
            return None, None
        parts = cached_parts(f"candid:photo-parts:v3:{key}", lambda: _render(photo, thread))
        photo.thread = thread[0] if thread else None
        return photo, _viewers_answers(request, photo, parts)
    photo = entry["row"]
    if blocked_between(request.user, photo.owner):  # as photos_visible_to would say
        return None, None
    if request.user.is_authenticated:
        photo.favourited = favourited_by(request.user, photo.pk)
    photo.thread = thread[0] if thread else None  # set after the entry was stored
    return photo, _viewers_answers(request, photo, entry)


def _viewers_answers(request, photo, parts: dict) -> dict:
    """The replies from other servers without those of accounts the viewer blocked or
    muted (federation/member_blocks.py), rendered for them alone when there are any; and
    for the photo's owner, when the shared part shows replies, with a Remove button (and
    their CSRF token) beside each (federation/reply_removal.py)."""
    user = request.user
    controls = photo.owner_id == user.pk and parts.get("has_remote_replies", False)
    if not (controls or viewer_hides_replies(photo, user)):
        return parts
    context = {**fediverse_answers(photo, user), "reply_controls": controls}
    fediverse = render_to_string(PHOTO_PARTS["fediverse"], context, request=request)
    return {**parts, "fediverse": fediverse}


def thread_of(photo) -> list:
    """The photo's comments: those the parts were rendered from in this request, else
    read (a viewer with a delete button in the thread gets it rendered for them)."""
    thread = getattr(photo, "thread", None)
    return thread if thread is not None else list(comments_on(photo))


def comment_controls(request, photo, parts: dict) -> bool:
    """Whether the viewer sees a delete button in the thread (owner or an author)."""
    user = request.user
    if not user.is_authenticated:
        return False
    return photo.owner_id == user.pk or user.pk in parts["authors"]


def _shared_entry(photo_id: int, thread: list) -> dict:
    visitor = AnonymousUser()
    visible = photos_visible_to(visitor).filter(pk=photo_id)
    photo = with_favourite_counts(visible, visitor).first()
    if photo is None:
        return {"row": None}
    return {"row": photo, **_render(photo, thread)}


def _render(photo, thread: list) -> dict:
    """The parts as a visitor sees them, and the thread's authors; the comments are also
    put in `thread`, for the page being served (they are not stored in the entry)."""
    comments = list(comments_on(photo))
    thread.append(comments)
    context = {
        "photo": photo,
        "comments": comments,
        "form": CommentForm(),
        "user": AnonymousUser(),
        "is_owner": False,
        **fediverse_answers(photo),
    }
    parts = render_parts(PHOTO_PARTS, context)
    parts["authors"] = frozenset(comment.author_id for comment in comments)
    parts["has_remote_replies"] = bool(context["remote_replies"])  # the owner's buttons
    parts["consent"] = consent_state(photo)  # the page's reservation headers
    return parts

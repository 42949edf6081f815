"""The items a notice can be about, and what a decision does to each of them.

Removal hides; it never destroys: flags are set on the item and reverted on appeal, so a
reversal restores the exact content. Purging (after the retention period) is separate.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from core.errors import ServiceError
from federation.models import RemoteActor, RemotePost, RemoteReply
from federation.selectors import federation_enabled
from federation.standing import remote_actor_shown
from moderation.models.targets import MODELS, REMOTE_TYPES, TargetType
from moderation.selectors import target_image_path
from photos.selectors import albums_visible_to, photo_for_viewer
from social.selectors import comment_for_viewer

URL_NAMES = {"photo": TargetType.PHOTO, "album": TargetType.ALBUM, "profile": TargetType.PROFILE}


HIDDEN = gettext_lazy("That item does not exist on Candid.")
NOT_CANDID = gettext_lazy("That link does not point to Candid.")
NOT_AN_ITEM = gettext_lazy("That link is not a photo, comment, album or profile on Candid.")
NOT_SHOWN_HERE = gettext_lazy(
    "That link points neither to Candid nor to a post, reply or account from another "
    "server that Candid shows."
)


class NotCandidContent(ServiceError):
    pass


@dataclass(frozen=True)
class Target:
    type: str
    obj: object

    @property
    def id(self) -> int:
        return self.obj.pk

    @property
    def is_remote(self) -> bool:
        """Content from another server shown here: its owner is a RemoteActor."""
        return self.type in REMOTE_TYPES

    @property
    def owner(self) -> User | RemoteActor:
        """Who the item belongs to: a member, or for remote content the remote account."""
        if self.type in (TargetType.PROFILE, TargetType.REMOTE_ACCOUNT):
            return self.obj
        if self.type in (TargetType.COMMENT, TargetType.REMOTE_POST, TargetType.REMOTE_REPLY):
            return self.obj.author
        return self.obj.owner

    @property
    def member(self) -> User | None:
        """The owning member here; None for remote content."""
        return None if self.is_remote else self.owner

    @property
    def owner_id(self) -> int | None:
        """The owning member's key without loading them (None for remote content)."""
        if self.is_remote:
            return None
        if self.type == TargetType.PROFILE:
            return self.obj.pk
        if self.type == TargetType.COMMENT:
            return self.obj.author_id
        return self.obj.owner_id

    @property
    def label(self) -> str:
        """In the active language: the report form, a statement's mail."""
        return {
            TargetType.PHOTO: lambda o: _("photo “%(title)s”") % {"title": o.title or o.pk},
            TargetType.COMMENT: lambda o: _("comment on photo %(id)s") % {"id": o.photo_id},
            TargetType.ALBUM: lambda o: _("album “%(title)s”") % {"title": o.title},
            TargetType.PROFILE: lambda o: _("profile @%(name)s") % {"name": o.username},
            TargetType.REMOTE_POST: lambda o: _("post by %(account)s")
            % {"account": o.author.address},
            TargetType.REMOTE_REPLY: lambda o: (
                _("reply by %(account)s to photo %(id)s")
                % {"account": o.author.address, "id": o.photo_id}
            ),
            TargetType.REMOTE_ACCOUNT: lambda o: _("account %(account)s") % {"account": o.address},
        }[self.type](self.obj)


def target_named(*, url: str = "", target_type: str = "", target_id: int | None = None) -> Target:
    """The item a notice names: by a link to it, or by its type and id, not both.
    Moderators may name any item this way, private ones included."""
    if url and (target_type or target_id is not None):
        raise ServiceError(
            _(
                "Name the item either by its link (target_url) or by its type and id "
                "(target_type and target_id), not both."
            )
        )
    if url:
        return target_from_url(url)
    if target_type and target_id is not None:
        return target_get(target_type, target_id)
    raise ServiceError(
        _(
            "Say what you report: a link to the item (target_url), or its type and id "
            "(target_type and target_id)."
        )
    )


def target_for_notifier(viewer, **named) -> Target:
    """The item a notice from `viewer` (signed in or not) names, as `target_named`. What
    they may not see is answered exactly like what does not exist, so a notice never
    reveals that a private item exists."""
    target = target_named(**named)
    if not _visible_to(viewer, target):
        raise NotCandidContent(str(HIDDEN))
    return target


def _visible_to(viewer, target: Target) -> bool:
    if target.is_remote:
        return _remote_shown(viewer, target)
    if target.type == TargetType.PHOTO:
        return photo_for_viewer(viewer, target.id) is not None
    if target.type == TargetType.COMMENT:
        return comment_for_viewer(viewer, target.id) is not None
    if target.type == TargetType.ALBUM:
        return albums_visible_to(viewer).filter(pk=target.id).exists()
    return target.obj.is_active


def _remote_shown(viewer, target: Target) -> bool:
    """Remote content is reported as it is shown here: not hidden by a decision, its
    account not suspended here, a reply under a photo the viewer may see."""
    if not federation_enabled() or not remote_actor_shown(target.owner):
        return False
    if target.type == TargetType.REMOTE_ACCOUNT:
        return True
    if target.obj.removed_at is not None:
        return False
    if target.type == TargetType.REMOTE_REPLY:
        return photo_for_viewer(viewer, target.obj.photo_id) is not None
    return True


def target_get(target_type: str, target_id: int) -> Target:
    model = MODELS.get(target_type)
    obj = model.objects.filter(pk=target_id).first() if model else None
    if obj is None:
        raise NotCandidContent(str(HIDDEN))
    return Target(target_type, obj)


def target_from_url(url: str) -> Target:
    """Accept a link to a photo, album or profile on this site; `#comment-N` names a comment.
    A link that is not a URL at all (`urlsplit` raises ValueError, e.g. `http://[::1`) is
    refused like any other foreign link, never a server error."""
    try:
        parts = urlsplit(url.strip())
    except ValueError as exc:
        raise NotCandidContent(str(NOT_CANDID)) from exc
    own_host = urlsplit(settings.SITE_URL).netloc
    if parts.netloc and parts.netloc not in (own_host, *settings.ALLOWED_HOSTS):
        return _remote_from_url(url.strip())
    try:
        match = resolve(parts.path or "/")
    except ValueError as exc:
        raise NotCandidContent(str(NOT_CANDID)) from exc
    except Resolver404 as exc:
        raise NotCandidContent(str(NOT_AN_ITEM)) from exc
    kind = URL_NAMES.get(match.url_name)
    if kind is None:
        raise NotCandidContent(str(NOT_AN_ITEM))
    if kind == TargetType.PROFILE:
        user = User.objects.filter(username=match.kwargs["username"]).first()
        if user is None:
            raise NotCandidContent(_("No such profile on Candid."))
        return Target(kind, user)
    if kind == TargetType.PHOTO and parts.fragment.startswith("comment-"):
        return target_get(TargetType.COMMENT, _int(parts.fragment.removeprefix("comment-")))
    return target_get(kind, match.kwargs[f"{kind}_id"])


def _remote_from_url(url: str) -> Target:
    """A post, reply or account from another server that Candid stores and shows, by its
    ActivityPub id or its web address."""
    if not federation_enabled():
        raise NotCandidContent(str(NOT_CANDID))
    for kind, model in (
        (TargetType.REMOTE_REPLY, RemoteReply),
        (TargetType.REMOTE_POST, RemotePost),
    ):
        found = model.objects.filter(uri=url).first() or model.objects.filter(url=url).first()
        if found is not None:
            return Target(kind, found)
    actor = RemoteActor.objects.filter(uri=url).first()
    if actor is None:
        actor = RemoteActor.objects.filter(document__url=url).first()
    if actor is None:
        raise NotCandidContent(str(NOT_SHOWN_HERE))
    return Target(TargetType.REMOTE_ACCOUNT, actor)


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError as exc:
        raise NotCandidContent(str(NOT_AN_ITEM)) from exc


def snapshot_text(target: Target) -> dict:
    obj = target.obj
    if target.type == TargetType.PHOTO:
        return {
            "title": obj.title,
            "description": obj.description,
            "tags": list(obj.tags.values_list("name", flat=True)),
        }
    if target.type == TargetType.COMMENT:
        return {"body": obj.body, "photo_id": obj.photo_id}
    if target.type == TargetType.ALBUM:
        return {"title": obj.title, "description": obj.description}
    if target.type in (TargetType.REMOTE_POST, TargetType.REMOTE_REPLY):
        text = {"uri": obj.uri, "url": obj.url, "text": obj.text, "account": obj.author.uri}
        if target.type == TargetType.REMOTE_POST:
            images = [a.get("url") for a in obj.attachments]
            return {**text, "summary": obj.summary, "images": images}
        return {**text, "photo_id": obj.photo_id}
    if target.type == TargetType.REMOTE_ACCOUNT:
        return {"uri": obj.uri, "username": obj.username, "display_name": obj.display_name}
    return {"username": obj.username, "display_name": obj.display_name, "bio": obj.bio}


def snapshot_image_path(target: Target) -> str:
    """The stored file that shows the item as it was (the large rendition of a photo)."""
    return target_image_path(target.type, target.id, size="large")

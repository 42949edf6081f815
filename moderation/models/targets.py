from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import User
from federation.models import RemoteActor, RemotePost, RemoteReply
from photos.models import Album, Photo
from social.models import Comment


class TargetType(models.TextChoices):
    PHOTO = "photo", pgettext_lazy("moderation", "Photo")
    COMMENT = "comment", pgettext_lazy("moderation", "Comment")
    ALBUM = "album", pgettext_lazy("moderation", "Album")
    PROFILE = "profile", pgettext_lazy("moderation", "Profile")
    # Content from other servers shown here (federation): measures act on the copy here.
    REMOTE_POST = "remote_post", _("Post from another server")
    REMOTE_REPLY = "remote_reply", _("Reply from another server")
    REMOTE_ACCOUNT = "remote_account", _("Account on another server")


REMOTE_TYPES = {TargetType.REMOTE_POST, TargetType.REMOTE_REPLY, TargetType.REMOTE_ACCOUNT}


class Ground(models.TextChoices):
    ILLEGAL = "illegal", pgettext_lazy("moderation", "Illegal content")
    RULES = "rules", _("Breaks the community rules")


# The model behind each kind of target: read by the selectors (case_targets) and by the
# services (targets, upkeep) alike, so it lives below both.
CONTENT_MODELS = {
    TargetType.PHOTO: Photo,
    TargetType.COMMENT: Comment,
    TargetType.ALBUM: Album,
    TargetType.REMOTE_POST: RemotePost,
    TargetType.REMOTE_REPLY: RemoteReply,
}
MODELS = {**CONTENT_MODELS, TargetType.PROFILE: User, TargetType.REMOTE_ACCOUNT: RemoteActor}

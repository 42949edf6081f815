from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import User
from photos.models import Album, Photo
from social.models import Comment


class TargetType(models.TextChoices):
    PHOTO = "photo", pgettext_lazy("moderation", "Photo")
    COMMENT = "comment", pgettext_lazy("moderation", "Comment")
    ALBUM = "album", pgettext_lazy("moderation", "Album")
    PROFILE = "profile", pgettext_lazy("moderation", "Profile")


class Ground(models.TextChoices):
    ILLEGAL = "illegal", pgettext_lazy("moderation", "Illegal content")
    RULES = "rules", _("Breaks the community rules")


# The model behind each kind of target: read by the selectors (case_targets) and by the
# services (targets, upkeep) alike, so it lives below both.
CONTENT_MODELS = {TargetType.PHOTO: Photo, TargetType.COMMENT: Comment, TargetType.ALBUM: Album}
MODELS = {**CONTENT_MODELS, TargetType.PROFILE: User}

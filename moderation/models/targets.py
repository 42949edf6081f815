from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from photos.models import Album, Photo
from social.models import Comment


class TargetType(models.TextChoices):
    PHOTO = "photo", _("Photo")
    COMMENT = "comment", _("Comment")
    ALBUM = "album", _("Album")
    PROFILE = "profile", _("Profile")


class Ground(models.TextChoices):
    ILLEGAL = "illegal", _("Illegal content")
    RULES = "rules", _("Breaks the community rules")


# The model behind each kind of target: read by the selectors (case_targets) and by the
# services (targets, upkeep) alike, so it lives below both.
CONTENT_MODELS = {TargetType.PHOTO: Photo, TargetType.COMMENT: Comment, TargetType.ALBUM: Album}
MODELS = {**CONTENT_MODELS, TargetType.PROFILE: User}

from django.db import models

from accounts.models import User
from photos.models import Album, Photo
from social.models import Comment


class TargetType(models.TextChoices):
    PHOTO = "photo", "Photo"
    COMMENT = "comment", "Comment"
    ALBUM = "album", "Album"
    PROFILE = "profile", "Profile"


class Ground(models.TextChoices):
    ILLEGAL = "illegal", "Illegal content"
    RULES = "rules", "Breaks the community rules"


# The model behind each kind of target: read by the selectors (case_targets) and by the
# services (targets, upkeep) alike, so it lives below both.
CONTENT_MODELS = {TargetType.PHOTO: Photo, TargetType.COMMENT: Comment, TargetType.ALBUM: Album}
MODELS = {**CONTENT_MODELS, TargetType.PROFILE: User}

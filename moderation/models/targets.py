from django.db import models


class TargetType(models.TextChoices):
    PHOTO = "photo", "Photo"
    COMMENT = "comment", "Comment"
    ALBUM = "album", "Album"
    PROFILE = "profile", "Profile"


class Ground(models.TextChoices):
    ILLEGAL = "illegal", "Illegal content"
    RULES = "rules", "Breaks the community rules"

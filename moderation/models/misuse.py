from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MisuseMeasure(models.Model):
    """A DSA Art. 23 measure: a warning, deprioritisation or temporary suspension, always
    with a statement to the person. Notifiers without an account are matched by email;
    another server sending reports (ActivityPub `Flag`s) by its host, `server`."""

    class Kind(models.TextChoices):
        UNFOUNDED_NOTICES = "unfounded_notices", _("Manifestly unfounded notices")
        ILLEGAL_CONTENT = "illegal_content", _("Manifestly illegal content")

    class Level(models.TextChoices):
        WARNING = "warning", pgettext_lazy("moderation", "Warning")
        DEPRIORITISED = "deprioritised", _("Notices deprioritised")
        SUSPENDED = "suspended", pgettext_lazy("moderation", "Suspended")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="misuse_measures",
    )
    email = models.EmailField(blank=True)
    server = models.CharField(max_length=255, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    level = models.CharField(max_length=16, choices=Level.choices)
    statement = models.TextField()
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-starts_at"]

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Appeal(models.Model):
    """An internal complaint against a decision (DSA Art. 20; NetzDG counter-notification)."""

    class Role(models.TextChoices):
        AFFECTED = "affected", _("Affected user")
        NOTIFIER = "notifier", pgettext_lazy("moderation", "Notifier")

    class Outcome(models.TextChoices):
        UPHELD = "upheld", _("Decision upheld")
        REVERSED = "reversed", _("Decision reversed")
        MODIFIED = "modified", _("Decision modified")

    reference = models.CharField(max_length=20, unique=True)
    decision = models.ForeignKey(
        "moderation.Decision", on_delete=models.PROTECT, related_name="appeals"
    )
    appellant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appeals",
    )
    appellant_email = models.EmailField(blank=True)
    role = models.CharField(max_length=10, choices=Role.choices)
    explanation = models.TextField(max_length=5000)
    attachment = models.CharField(max_length=255, blank=True)
    state = models.CharField(max_length=12, default="submitted", db_index=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    reasons = models.TextField(max_length=5000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appeals_decided",
    )
    submitted_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["submitted_at", "id"]
        # One decision, at most one open appeal per party (issue 13): the affected user is
        # one party; each notifier is one, known by e-mail (notifiers need no account).
        # An erased appellant's blanked address no longer identifies anyone.
        constraints = [
            models.UniqueConstraint(
                fields=["decision"],
                condition=models.Q(state="submitted", role="affected"),
                name="one_open_appeal_by_the_affected",
            ),
            models.UniqueConstraint(
                "decision",
                Lower("appellant_email"),
                condition=models.Q(state="submitted", role="notifier")
                & ~models.Q(appellant_email=""),
                name="one_open_appeal_per_notifier",
            ),
        ]

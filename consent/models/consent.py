from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# The English names, for what Candid writes into image files (XMP, C2PA): the same bytes
# whoever asked and in whatever language the page was; pages show the translated labels.
PURPOSE_NAMES = {
    "ai_training": "AI/ML training",
    "genai_training": "Generative-AI training",
    "biometric": "Biometric (face) analysis",
    "research_datasets": "Inclusion in research datasets",
}


class Purpose(models.TextChoices):
    AI_TRAINING = "ai_training", _("AI/ML training")
    GENAI_TRAINING = "genai_training", _("Generative-AI training")
    BIOMETRIC = "biometric", _("Biometric (face) analysis")
    RESEARCH = "research_datasets", _("Inclusion in research datasets")


class AccountConsent(models.Model):
    """An account-wide choice for one purpose. No row means the default: not allowed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consents"
    )
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    allowed = models.BooleanField(default=False)
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "purpose"], name="one_account_consent_per_purpose"
            )
        ]


class PhotoConsent(models.Model):
    """A per-photo override of the account setting. No row means "as the account"."""

    photo = models.ForeignKey("photos.Photo", on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    allowed = models.BooleanField()
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["photo", "purpose"], name="one_photo_consent_per_purpose"
            )
        ]


class ConsentChange(models.Model):
    """Append-only history of every consent change, hash-chained per user: each change's
    receipt carries `hash`, which ties it to every earlier change of that user."""

    class Value(models.TextChoices):
        ALLOWED = "allowed", _("Allowed")
        REFUSED = "refused", _("Not allowed")
        INHERIT = "inherit", _("As the account")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consent_changes"
    )
    photo = models.ForeignKey(
        "photos.Photo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consent_changes",
    )
    photo_ref = models.BigIntegerField(
        null=True, blank=True, help_text="The photo id, kept after the photo is gone"
    )
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    old_value = models.CharField(max_length=8, choices=Value.choices)
    new_value = models.CharField(max_length=8, choices=Value.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(
        max_length=40, blank=True, help_text="e.g. withdrawal, depicted_person"
    )
    changed_at = models.DateTimeField(db_index=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["changed_at", "id"]


class CrawlerPolicy(models.Model):
    """Operator policy for robots.txt (one row, pk=1): whether the well-known AI-training
    crawlers are disallowed. Changed with `manage.py robots_ai --allow|--block`."""

    block_ai_crawlers = models.BooleanField(default=True)
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = _("crawler policy")

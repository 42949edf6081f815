"""Dataset releases, licensees and deletion notices.

A release is a frozen manifest: its rows copy what was true at build time (licence,
hashes, consent state) and keep the photo id after the photo is gone, so a withdrawal can
still be traced to every licensee that holds a copy."""

from django.conf import settings
from django.db import models

from consent.models.consent import Purpose
from consent.states.releases import DELETION_NOTICE, RELEASE


class Dataset(models.Model):
    name = models.CharField(max_length=120, unique=True)
    description = models.TextField(max_length=5000, blank=True)
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    commercial = models.BooleanField(help_text="Commercial use: NonCommercial licences excluded")
    needs_derivatives = models.BooleanField(help_text="Derivatives made: NoDerivatives excluded")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Release(models.Model):
    dataset = models.ForeignKey(Dataset, on_delete=models.PROTECT, related_name="releases")
    number = models.PositiveIntegerField()
    state = models.CharField(max_length=12, choices=RELEASE.choices(), default="draft")
    created_at = models.DateTimeField()
    built_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    row_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["dataset__name", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["dataset", "number"], name="release_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.dataset.name} v{self.number}"


class ReleaseItem(models.Model):
    """One manifest row, frozen at build time."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="items")
    photo = models.ForeignKey(
        "photos.Photo", null=True, on_delete=models.SET_NULL, related_name="release_items"
    )
    photo_ref = models.BigIntegerField(db_index=True)
    owner_ref = models.BigIntegerField(db_index=True)
    rendition_url = models.CharField(max_length=500)
    licence = models.CharField(max_length=16)
    attribution = models.CharField(max_length=500)
    sha256 = models.CharField(max_length=64)
    pdq_hash = models.CharField(max_length=64)
    consent_allowed = models.BooleanField()
    consent_signal = models.CharField(max_length=40)
    consent_since = models.DateTimeField(null=True)

    class Meta:
        ordering = ["photo_ref"]
        constraints = [
            models.UniqueConstraint(fields=["release", "photo_ref"], name="photo_once_per_release")
        ]


class Licensee(models.Model):
    organisation = models.CharField(max_length=200, unique=True)
    contact_email = models.EmailField()
    terms = models.TextField(max_length=20000, help_text="The terms the licensee agreed to")
    terms_agreed_at = models.DateTimeField()
    datasets = models.ManyToManyField(Dataset, related_name="licensees", blank=True)
    token_prefix = models.CharField(max_length=12)
    token_hash = models.CharField(max_length=64, unique=True)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["organisation"]

    def __str__(self) -> str:
        return self.organisation


class ReleaseDelivery(models.Model):
    """Every download of a release manifest by a licensee."""

    release = models.ForeignKey(Release, on_delete=models.PROTECT, related_name="deliveries")
    licensee = models.ForeignKey(Licensee, on_delete=models.PROTECT, related_name="deliveries")
    format = models.CharField(max_length=8)
    delivered_at = models.DateTimeField()

    class Meta:
        ordering = ["-delivered_at", "-id"]


class DeletionNotice(models.Model):
    """Tells one licensee to delete rows of one release it received."""

    licensee = models.ForeignKey(Licensee, on_delete=models.PROTECT, related_name="notices")
    release = models.ForeignKey(Release, on_delete=models.PROTECT, related_name="notices")
    state = models.CharField(max_length=12, choices=DELETION_NOTICE.choices(), default="sent")
    sent_at = models.DateTimeField()
    reminders = models.PositiveSmallIntegerField(default=0)
    last_reminded_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_via = models.CharField(max_length=8, blank=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        indexes = [models.Index(fields=["state", "sent_at"])]


class DeletionNoticeItem(models.Model):
    """A photo to delete. Unique per licensee and release, so a photo withdrawn twice (or
    reported twice by the hooks) is never asked for twice."""

    notice = models.ForeignKey(DeletionNotice, on_delete=models.CASCADE, related_name="items")
    licensee = models.ForeignKey(Licensee, on_delete=models.PROTECT, related_name="+")
    release = models.ForeignKey(Release, on_delete=models.PROTECT, related_name="+")
    photo_ref = models.BigIntegerField(db_index=True)
    sha256 = models.CharField(max_length=64)
    pdq_hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["photo_ref"]
        constraints = [
            models.UniqueConstraint(
                fields=["licensee", "release", "photo_ref"], name="photo_deleted_once_per_copy"
            )
        ]


__all__ = [
    "Dataset",
    "DeletionNotice",
    "DeletionNoticeItem",
    "Licensee",
    "Release",
    "ReleaseDelivery",
    "ReleaseItem",
]

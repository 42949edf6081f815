"""Models of the "am I in a dataset?" lookup: imported third-party dataset manifests and
requests from people depicted in a photo (GDPR Art. 12(3), 17, 21)."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class ExternalDataset(models.Model):
    """A third-party dataset whose manifest staff imported, and whom to ask for removal."""

    name = models.CharField(max_length=120)
    version = models.CharField(max_length=40)
    contact = models.EmailField(help_text="Whom people ask for removal")
    source_file = models.CharField(max_length=255, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField()
    rows_imported = models.PositiveBigIntegerField(default=0)
    rows_rejected = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["name", "version"], name="one_dataset_version")
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.version}"


class ManifestRow(models.Model):
    """One photo listed in an external manifest. Millions per dataset: narrow columns, and
    only the indexes the lookup needs (owner id, owner name case-folded, and the photo id
    that finds a member's photos imported from the source the manifest was built from)."""

    id = models.BigAutoField(primary_key=True)
    # No database-level constraint: with one, PostgreSQL queues a deferred check per row
    # during COPY (10M trigger events). Rows are written only by consent.services.manifests, which
    # creates the dataset first and deletes its rows with it (dataset_delete).
    dataset = models.ForeignKey(
        ExternalDataset, on_delete=models.DO_NOTHING, db_constraint=False, related_name="rows"
    )
    photo_ref = models.CharField(max_length=100)
    owner_ref = models.CharField(max_length=100)
    owner_name = models.CharField(max_length=100, blank=True)
    url = models.CharField(max_length=500, blank=True)
    licence = models.CharField(max_length=100, blank=True)
    pdq = models.CharField(max_length=64, blank=True, help_text="PDQ hash, 64 hex digits")

    class Meta:
        indexes = [
            models.Index(fields=["owner_ref"], name="manifest_owner_ref"),
            models.Index(Lower("owner_name"), name="manifest_owner_name_lc"),
            models.Index(fields=["photo_ref"], name="manifest_photo_ref"),
        ]


class DepictedRequest(models.Model):
    """ "I am in this photo": a request for exclusion from datasets and, where the law gives
    a right to it, removal. States and moves: consent.states.depicted."""

    class Relation(models.TextChoices):
        SELF = "self", _("I am the person shown")
        GUARDIAN = "guardian", _("I am the parent or guardian of a person shown")
        REPRESENTATIVE = "representative", _("I represent a person shown")

    photo = models.ForeignKey(
        "photos.Photo", on_delete=models.CASCADE, related_name="depicted_requests"
    )
    name = models.CharField(max_length=120)
    email = models.EmailField()
    relation = models.CharField(max_length=16, choices=Relation.choices)
    wants_exclusion = models.BooleanField(default=True)
    wants_removal = models.BooleanField(default=False)
    statement = models.TextField(max_length=4000, blank=True)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    state = models.CharField(max_length=12, default="open", db_index=True)
    created_at = models.DateTimeField()
    deadline = models.DateTimeField(help_text="One month, GDPR Art. 12(3)")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reasons = models.TextField(max_length=4000, blank=True)
    # The language the request was made in: the requester is often no member, so the
    # outcome mail (written when staff decide) is in the language they wrote in.
    language = models.CharField(max_length=8, blank=True, default="")

    class Meta:
        ordering = ["deadline", "id"]


__all__ = ["DepictedRequest", "ExternalDataset", "ManifestRow"]

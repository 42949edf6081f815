from django.conf import settings
from django.db import models
from django.utils import timezone


class Event(models.Model):
    """One row of the append-only event log every service writes to.

    `data` holds what may be published (ids, categories, counts); anything personal
    goes in `private`, which erasure scrubs while the event itself stays.
    """

    kind = models.CharField(max_length=64, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject_type = models.CharField(max_length=64, blank=True)
    subject_id = models.BigIntegerField(null=True, blank=True)
    data = models.JSONField(default=dict, blank=True)
    private = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    # Moderation events form a hash chain (see core/chain.py); other events leave these empty.
    chain_seq = models.PositiveBigIntegerField(null=True, blank=True, unique=True)
    prev_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64, blank=True)
    # The canonical public form the hash covers, exactly as hashed. On PostgreSQL a CHECK
    # constraint (migration 0003) holds the columns above to it.
    public = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["subject_type", "subject_id"])]

    def __str__(self) -> str:
        return f"#{self.pk} {self.kind} {self.subject_type}:{self.subject_id}"


class ChainHead(models.Model):
    """The newest link of the moderation event chain. Appending locks this one row, so
    concurrent appends queue up instead of forking the chain."""

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)
    updated_at = models.DateTimeField(null=True, blank=True)

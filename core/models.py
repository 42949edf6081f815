from django.conf import settings
from django.db import models


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
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["subject_type", "subject_id"])]

    def __str__(self) -> str:
        return f"#{self.pk} {self.kind} {self.subject_type}:{self.subject_id}"

from django.conf import settings
from django.db import models


class ErasureRequest(models.Model):
    """A user's request to delete their account (GDPR Art. 17).

    Nothing happens before `scheduled_for` (the grace period, in which the user can
    cancel); `rights_upkeep` then erases, at the latest by `deadline_at` (one month,
    GDPR Art. 12(3)). Content under a legal hold is kept until the hold ends: the request
    stays "held" and a later run finishes it. The row outlives the account's data as the
    record that the request was honoured; it holds no personal data itself."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="erasure_requests"
    )
    state = models.CharField(max_length=12, default="scheduled", db_index=True)
    requested_at = models.DateTimeField()
    scheduled_for = models.DateTimeField(db_index=True)
    deadline_at = models.DateTimeField()
    cancelled_at = models.DateTimeField(null=True, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True, help_text="Personal data erased")
    completed_at = models.DateTimeField(null=True, blank=True, help_text="No hold left")
    held_items = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(state__in=["scheduled", "erasing", "held"]),
                name="one_live_erasure_per_user",
            )
        ]

    def __str__(self) -> str:
        return f"Erasure {self.pk} ({self.state})"

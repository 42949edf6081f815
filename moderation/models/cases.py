from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from moderation.models.targets import TargetType


class Case(models.Model):
    """All notices about one item, decided together. The case keeps the earliest deadline."""

    target_type = models.CharField(max_length=16, choices=TargetType.choices)
    target_id = models.BigIntegerField()
    target_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases_about",
    )
    state = models.CharField(max_length=20, default="open", db_index=True)
    own_initiative = models.BooleanField(default=False)
    priority = models.PositiveSmallIntegerField(default=1)
    deadline_at = models.DateTimeField(db_index=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=0, help_text=_("Optimistic-lock counter"))
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases_claimed",
        help_text=_("The moderator working on the case, until claimed_until"),
    )
    claimed_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["priority", "deadline_at", "id"]
        indexes = [
            models.Index(fields=["state", "priority", "deadline_at"]),
            models.Index(fields=["target_type", "target_id", "state"]),
            models.Index(
                fields=["priority", "deadline_at", "id"],
                condition=models.Q(state__in=["open", "awaiting_approval", "appealed"]),
                name="open_case_queue",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["target_type", "target_id"],
                condition=models.Q(state__in=["open", "awaiting_approval"]),
                name="one_open_case_per_target",
            )
        ]

    def __str__(self) -> str:
        return f"Case {self.pk} ({self.target_type} {self.target_id})"

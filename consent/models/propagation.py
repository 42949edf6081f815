from django.conf import settings
from django.db import models

from core.leases import Leased


class Propagation(Leased):
    """The follow-up of one withdrawal (or of photos deleted, or a depicted person's
    exclusion): every licensee of an earlier release holding one of `photo_ids` is sent a
    deletion notice. Run by the task worker under a lease (core.leases) in steps of a few
    hundred photos; `done` counts the photos checked so far, committed with the notices of
    the same step, so a run whose worker died resumes after the last finished step and
    never notices a photo twice. `user` is the member whose choice started it (None when
    the system did: a deletion, a depicted person's request)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consent_propagations",
    )
    state = models.CharField(max_length=12, default="queued", db_index=True)
    photo_ids = models.JSONField(default=list, help_text="Sorted, distinct photo ids")
    purposes = models.JSONField(default=list)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0, help_text="Photos checked so far")
    notices = models.PositiveIntegerField(default=0, help_text="Deletion notices sent")
    error = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Propagation {self.pk} ({self.state}, {self.done}/{self.total})"

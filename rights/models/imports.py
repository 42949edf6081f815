from django.conf import settings
from django.db import models

from core.leases import Leased


class ImportRun(Leased):
    """One run of `manage.py import_archive`: which archive (by SHA-256) into which
    account, under a lease (core.leases). A run whose process died is reclaimed as
    "interrupted"; the next run of the same archive into the same account first removes
    what the interrupted one had added, then imports afresh, so nothing is imported
    twice."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="archive_imports"
    )
    archive_sha256 = models.CharField(max_length=64, db_index=True)
    created_user = models.BooleanField(default=False, help_text="The run created the account")
    state = models.CharField(max_length=12, default="running", db_index=True)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    photos = models.PositiveIntegerField(null=True, blank=True)
    error = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(state="running"),
                name="one_running_import_per_user",
            )
        ]

    def __str__(self) -> str:
        return f"Import {self.pk} ({self.state})"

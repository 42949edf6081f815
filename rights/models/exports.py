from django.conf import settings
from django.db import models

from core.leases import Leased


class DataExport(Leased):
    """One archive of everything Candid holds about a user (GDPR Art. 15 and 20).

    The archive is built by a background task, kept in storage under `file` and offered
    for download until `expires_at`; `rights_upkeep` then deletes the file. The row stays
    as the record that an export was given. While it is requested or building it holds a
    lease (core.leases), so a build whose worker died is reclaimed, never left "building"."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports"
    )
    state = models.CharField(max_length=12, default="requested", db_index=True)
    token = models.CharField(max_length=64, unique=True, help_text="Unguessable download key")
    file = models.CharField(max_length=255, blank=True, help_text="Storage path of the ZIP")
    bytes = models.PositiveBigIntegerField(null=True, blank=True)
    photo_count = models.PositiveIntegerField(null=True, blank=True)
    error = models.CharField(max_length=200, blank=True)
    requested_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True, db_index=True)
    expired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"Export {self.pk} ({self.state})"

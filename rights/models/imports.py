from django.conf import settings
from django.db import models

from core.leases import Leased


class ImportRun(Leased):
    """One import of a Candid export archive into an account: asked for on the "Your
    data" pages or with `manage.py import_archive`, run by the task worker under a lease
    (core.leases). The archive waits in storage (`archive`) until the run ends. Every photo
    and album the run adds is an `ImportItem`, committed with it, so a run whose worker
    died resumes after the last one and never imports a photo twice; `done` of `total`
    photos is the progress the member sees. A run that fails removes what it added."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="archive_imports"
    )
    archive_sha256 = models.CharField(max_length=64, db_index=True)
    archive = models.CharField(max_length=255, blank=True, help_text="Storage path of the ZIP")
    source = models.CharField(
        max_length=12,
        default="candid",
        help_text="The kind of archive: candid, flickr, mastodon, pixelfed or folder",
    )
    archives = models.JSONField(
        default=list, blank=True, help_text="Storage paths of every ZIP (a move-in's parts)"
    )
    fetch_media = models.BooleanField(
        default=False, help_text="Pixelfed: the member asked to fetch the images from their URLs"
    )
    skipped = models.PositiveIntegerField(null=True, blank=True)
    existing = models.PositiveIntegerField(
        null=True, blank=True, help_text="Photos found on Candid already (source id or SHA-256)"
    )
    created_user = models.BooleanField(default=False, help_text="The run created the account")
    state = models.CharField(max_length=12, default="queued", db_index=True)
    started_at = models.DateTimeField(help_text="When it was asked for")
    finished_at = models.DateTimeField(null=True, blank=True)
    total = models.PositiveIntegerField(default=0, help_text="Photos in the archive to import")
    done = models.PositiveIntegerField(default=0, help_text="Photos imported so far")
    photos = models.PositiveIntegerField(null=True, blank=True)
    albums = models.PositiveIntegerField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(state__in=("queued", "running")),
                name="one_live_import_per_user",
            )
        ]

    def __str__(self) -> str:
        return f"Import {self.pk} ({self.state}, {self.done}/{self.total})"


class ImportItem(models.Model):
    """One photo or album an import added: the archive's id and the new one. Written in
    the transaction that adds the object, so "imported already" is never a guess."""

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(max_length=12)
    source_id = models.BigIntegerField()
    target_id = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["run", "kind", "source_id"], name="one_item_per_source")
        ]


class ImportProblem(models.Model):
    """An item a move-in skipped or changed, with why (a corrupt image, a video, an
    unknown licence…): listed on the import's summary. Written in the transaction that
    counts the item, so a resumed run lists it once."""

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="problems")
    name = models.CharField(max_length=255)
    reason = models.CharField(max_length=300)
    skipped = models.BooleanField(default=True, help_text="False: imported, with a change")

    class Meta:
        ordering = ["id"]


class ImportLink(models.Model):
    """A favourite or a contact the member had at the source, listed on the summary so
    they can find the people again on Candid."""

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(max_length=8)  # "fave" or "contact"
    name = models.CharField(max_length=200, blank=True)
    url = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["kind", "id"]


class ImportUpload(models.Model):
    """One file of a move-in being uploaded in parts (Settings → Move in): the parts are
    appended to a staging file on this server; `received` is how much of it is there, so
    a dropped connection resumes from it. Consumed (file and row) when the move-in is
    queued; abandoned ones are removed by the rights upkeep after `STAGING_DAYS`."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_uploads"
    )
    token = models.CharField(max_length=32, unique=True)
    name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    received = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["id"]

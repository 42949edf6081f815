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


class OutgoingMail(models.Model):
    """One message to one recipient, recorded by the service that caused it in its own
    transaction and sent by a task (core/mail.py). `key` is the message's identity:
    recipient, purpose and object (the rendered text names the object), so recording it
    twice keeps one row, and `sent_at` makes a re-run of the send task a no-op."""

    key = models.CharField(max_length=64, unique=True)
    purpose = models.CharField(max_length=200)
    recipient = models.EmailField(max_length=254)
    from_email = models.CharField(max_length=254)
    subject = models.CharField(max_length=998)
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    # The send task that is sending it (core/mail.py): another task leaves it alone.
    claimed_by = models.CharField(max_length=64, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["sent_at", "created_at"])]

    def __str__(self) -> str:
        return f"{self.purpose} to {self.recipient}"


class Schedule(models.Model):
    """When a periodic upkeep task is next due (core/scheduler.py). Every worker reads the
    same rows; the one whose conditional update moves `next_run_at` on enqueues the run,
    so two workers never both run it and a restart runs only what is due."""

    name = models.CharField(max_length=64, primary_key=True)
    next_run_at = models.DateTimeField()
    last_run_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name


class WorkerBeat(models.Model):
    """A `manage.py worker` process's heartbeat. A task still marked running whose worker has
    not beaten for CANDID_WORKER_LOST_SECONDS was orphaned (the process died, e.g. kill -9)
    and is queued again (core/scheduler.py)."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    seen_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.worker_id

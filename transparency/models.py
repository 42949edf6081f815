"""Average monthly active recipients (DSA Art. 24(2)), counted privately: see activity.py."""

from django.db import models


class RecipientSalt(models.Model):
    """The secret key of one open month. Deleted when the month closes, after which the
    month's keyed hashes can no longer be linked to any user id or address."""

    month = models.CharField(max_length=7, unique=True)
    salt = models.CharField(max_length=64)


class RecipientSeen(models.Model):
    """One row per distinct recipient in an open month: a keyed hash, nothing else."""

    month = models.CharField(max_length=7)
    digest = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["month", "digest"], name="one_row_per_recipient")
        ]


class MonthlyRecipients(models.Model):
    """What is kept of a closed month: its number of distinct active recipients."""

    month = models.CharField(max_length=7, unique=True)
    recipients = models.PositiveIntegerField()
    closed_at = models.DateTimeField()

    class Meta:
        ordering = ["month"]

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


class FactValue(models.Model):
    """Each word that appears in `LogFact`'s columns (a channel, a category, an outcome),
    stored once; facts hold its number. The reports' GROUP BYs then hash integers instead
    of text: about twice as fast over a million events (bench/transparency.py)."""

    text = models.TextField(unique=True)


class LogFact(models.Model):
    """One narrow row per counted moderation event: the keys the reports group by, copied
    from the event's public `data` by `transparency.facts.facts_fold`, words as
    `FactValue` numbers.

    A projection of the hash-chained log, never written by anything else and rebuilt from
    the log at any time (`transparency_upkeep --refold`). Reports scan it instead of the
    ten-times-wider event table; `LogView.at_head` folds every event up to the chain head
    first, so a report never misses one.
    """

    seq = models.PositiveBigIntegerField(primary_key=True)  # the event's chain_seq
    kind = models.CharField(max_length=32)  # the event kind without "moderation."
    created_at = models.DateTimeField()
    began_at = models.DateTimeField(null=True)  # data received_at / submitted_at
    seconds = models.FloatField(null=True)  # data seconds_to_decision / seconds_to_decide
    channel = models.IntegerField()
    notifier_type = models.IntegerField()
    ground = models.IntegerField()
    category = models.IntegerField()
    country = models.IntegerField()
    offence = models.IntegerField()
    outcome = models.IntegerField()
    action = models.IntegerField()
    decision_ground = models.IntegerField()
    automated_decision = models.IntegerField()
    role = models.IntegerField()
    decision_action = models.IntegerField()
    measure_kind = models.IntegerField()  # data "kind" of a misuse measure
    level = models.IntegerField()
    receipt_confirmed = models.BooleanField(default=False)
    by_email = models.BooleanField(default=False)
    poster_informed = models.BooleanField(default=False)
    trusted_flagger = models.BooleanField(default=False)
    automated_detection = models.BooleanField(default=False)
    own_initiative = models.BooleanField(default=False)
    manifestly_illegal = models.BooleanField(default=False)
    implemented = models.BooleanField(default=False)
    after = models.BooleanField(default=False)  # the decision was made on appeal

    class Meta:
        indexes = [
            models.Index(fields=["kind", "created_at"], name="fact_kind_time"),
            models.Index(fields=["kind", "began_at"], name="fact_kind_began"),
        ]


class FactsFolded(models.Model):
    """How far the log has been folded into `LogFact` (one row). Folding locks it, so two
    reports starting at once fold each event exactly once."""

    upto = models.PositiveBigIntegerField(default=0)

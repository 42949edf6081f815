"""Average monthly active recipients (DSA Art. 24(2)), counted privately: see activity.py."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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


class Fact(models.Model):
    """One narrow row per counted moderation event: the keys the reports group by, copied
    from the event's public `data` by `transparency.facts.facts_fold`, words as
    `FactValue` numbers.

    A projection of the hash-chained log, never written by anything else and rebuilt from
    the log at any time (`transparency_upkeep --refold`). The three kinds the reports read
    most have a table each, so a pass scans only its own rows (a tenth of the event table
    or less); the rest share `LogFact`. `LogView.at_head` folds every event up to the
    chain head first, so a report never misses one.
    """

    seq = models.PositiveBigIntegerField(primary_key=True)  # the event's chain_seq
    created_at = models.DateTimeField()

    class Meta:
        abstract = True


class NoticeKeys(Fact):
    """What a notice says about itself, kept by its receipt and by its outcome."""

    channel = models.IntegerField()
    notifier_type = models.IntegerField()
    ground = models.IntegerField()
    category = models.IntegerField()
    country = models.IntegerField()
    offence = models.IntegerField()

    class Meta:
        abstract = True


class NoticeFact(NoticeKeys):
    """moderation.notice_received"""

    receipt_confirmed = models.BooleanField()

    class Meta:
        indexes = [models.Index(fields=["created_at"], name="notice_fact_time")]


class OutcomeFact(NoticeKeys):
    """moderation.notifier_informed: a notice's outcome, dated from its receipt."""

    began_at = models.DateTimeField()  # data received_at
    seconds = models.FloatField()  # data seconds_to_decision
    outcome = models.IntegerField()
    action = models.IntegerField()
    decision_ground = models.IntegerField()
    automated_decision = models.IntegerField()
    by_email = models.BooleanField()
    poster_informed = models.BooleanField()

    class Meta:
        indexes = [models.Index(fields=["began_at"], name="outcome_fact_began")]


class DecisionFact(Fact):
    """moderation.decision_applied"""

    action = models.IntegerField()
    ground = models.IntegerField()
    category = models.IntegerField()
    automated_decision = models.IntegerField()
    automated_detection = models.BooleanField()
    own_initiative = models.BooleanField()
    manifestly_illegal = models.BooleanField()
    after = models.BooleanField()  # the decision was made on appeal (data appeal_of)

    class Meta:
        indexes = [models.Index(fields=["created_at"], name="decision_fact_time")]


class LogFact(Fact):
    """The other counted kinds: appeals, disputes and Art. 23 measures."""

    kind = models.CharField(max_length=32)  # the event kind without "moderation."
    began_at = models.DateTimeField(null=True)  # data submitted_at
    seconds = models.FloatField(null=True)  # data seconds_to_decide
    role = models.IntegerField()
    decision_action = models.IntegerField()
    outcome = models.IntegerField()
    measure_kind = models.IntegerField()  # data "kind" of a misuse measure
    level = models.IntegerField()
    trusted_flagger = models.BooleanField()
    implemented = models.BooleanField()

    class Meta:
        indexes = [
            models.Index(fields=["kind", "created_at"], name="fact_kind_time"),
            models.Index(fields=["kind", "began_at"], name="fact_kind_began"),
        ]


class FactsFolded(models.Model):
    """How far the log has been folded into `LogFact` (one row). Folding locks it, so two
    reports starting at once fold each event exactly once."""

    upto = models.PositiveBigIntegerField(default=0)


class SorSubmission(models.Model):
    """One statement of reasons in one submission attempt to the DSA Transparency Database
    (Art. 24(5)), with what the database answered. Written by transparency/sor/submit.py in
    the same transaction as its `transparency.sor_submitted` event; never changed after.
    Holds puids and the database's answer only, no personal data."""

    class Outcome(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        ALREADY_PRESENT = "already_present", _("Already in the database")
        REFUSED = "refused", _("Refused")

    sent_at = models.DateTimeField(db_index=True)
    puid = models.CharField(max_length=500, db_index=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    database_uuid = models.CharField(max_length=64, blank=True)
    reason = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]

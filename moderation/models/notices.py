from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from moderation.models.targets import Ground, TargetType


class Notice(models.Model):
    """A report about one item (DSA Art. 16 notice, NetzDG complaint, or rules report).

    Every channel lands here and is counted the same way. Personal data (name, email,
    account) sits in its own fields so erasure can blank them while the notice still counts.
    """

    class Channel(models.TextChoices):
        WEB = "web", pgettext_lazy("moderation", "Web form")
        API = "api", pgettext_lazy("moderation", "API")
        MODERATOR = "moderator", _("Entered by a moderator")
        AUTHORITY = "authority", _("Authority order")
        FEDERATION = "federation", _("Another server's report")

    class NotifierType(models.TextChoices):
        USER = "user", _("User or member of the public")
        TRUSTED_FLAGGER = "trusted_flagger", _("Trusted flagger (DSA Art. 22)")
        COMPLAINT_BODY = "complaint_body", _("Complaints body (NetzDG)")
        AUTHORITY = "authority", pgettext_lazy("moderation", "Authority")

    class Priority(models.IntegerChoices):
        HIGH = 0, pgettext_lazy("moderation", "High")
        NORMAL = 1, pgettext_lazy("moderation", "Normal")
        LOW = 2, _("Deprioritised (Art. 23)")

    class Outcome(models.TextChoices):
        PENDING = "pending", pgettext_lazy("moderation", "Pending")
        ACTIONED = "actioned", pgettext_lazy("moderation", "Action taken")
        NO_ACTION = "no_action", pgettext_lazy("moderation", "No action")

    reference = models.CharField(max_length=20, unique=True)
    case = models.ForeignKey("moderation.Case", on_delete=models.PROTECT, related_name="notices")
    channel = models.CharField(max_length=12, choices=Channel.choices)
    notifier_type = models.CharField(
        max_length=16, choices=NotifierType.choices, default=NotifierType.USER
    )
    notifier = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notices_filed",
    )
    notifier_name = models.CharField(max_length=120, blank=True)
    notifier_email = models.EmailField(blank=True)
    target_type = models.CharField(max_length=16, choices=TargetType.choices)
    target_id = models.BigIntegerField()
    ground = models.CharField(max_length=8, choices=Ground.choices)
    category = models.CharField(max_length=80)
    country = models.CharField(max_length=2, blank=True)
    law = models.CharField(max_length=300, blank=True)
    netzdg_manifest = models.BooleanField(
        default=False,
        help_text=_("Reported as manifestly illegal (our commitment: decided within 24 hours)"),
    )
    rule = models.ForeignKey("moderation.Rule", null=True, blank=True, on_delete=models.PROTECT)
    explanation = models.TextField(max_length=5000)
    good_faith = models.BooleanField(default=False)
    priority = models.PositiveSmallIntegerField(choices=Priority.choices, default=Priority.NORMAL)
    received_at = models.DateTimeField(db_index=True)
    deadline_at = models.DateTimeField()
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.PENDING)
    manifestly_unfounded = models.BooleanField(default=False)
    decided_at = models.DateTimeField(null=True, blank=True)
    notifier_informed_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(
        max_length=8,
        blank=True,
        help_text=_("The notifier's language: their confirmation and outcome are written in it"),
    )
    appeal_token = models.CharField(
        max_length=64, blank=True, help_text=_("Lets a notifier without an account appeal")
    )
    # A report about content from another server, also sent there as a Flag from the
    # instance actor (moderation/services/forwarding.py) at the notifier's wish.
    forwarded_to = models.CharField(max_length=255, blank=True)
    forwarded_at = models.DateTimeField(null=True, blank=True)
    forwarded_with_identity = models.BooleanField(default=False)
    forward_delivery = models.ForeignKey(
        "federation.Delivery", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["received_at", "id"]
        indexes = [
            models.Index(fields=["target_type", "target_id"]),
            models.Index(fields=["notifier", "received_at"]),
        ]

    def __str__(self) -> str:
        return self.reference

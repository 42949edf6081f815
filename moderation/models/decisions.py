from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from moderation.models.targets import Ground


class Decision(models.Model):
    """What a moderator decided on a case, with every field a statement of reasons needs
    (DSA Art. 17(3)); the SoR export maps these onto the Transparency Database schema."""

    class Action(models.TextChoices):
        NO_ACTION = "no_action", pgettext_lazy("moderation", "No action")
        LABEL_SENSITIVE = "label_sensitive", _("Label as sensitive")
        RESTRICT = "restrict", _("Restrict visibility (hidden from explore and search)")
        WITHHOLD = "withhold", _("Withhold in named countries")
        REMOVE = "remove", pgettext_lazy("moderation", "Remove content")
        SUSPEND = "suspend", _("Suspend account")
        TERMINATE = "terminate", _("Terminate account")

    class Automation(models.TextChoices):
        NOT_AUTOMATED = "AUTOMATED_DECISION_NOT_AUTOMATED", _("Not automated")
        PARTIALLY = "AUTOMATED_DECISION_PARTIALLY", _("Partially automated")
        FULLY = "AUTOMATED_DECISION_FULLY", _("Fully automated")

    case = models.ForeignKey("moderation.Case", on_delete=models.PROTECT, related_name="decisions")
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="decisions_made"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions_approved",
    )
    state = models.CharField(max_length=20, db_index=True)
    action = models.CharField(max_length=16, choices=Action.choices)
    ground = models.CharField(max_length=8, choices=Ground.choices, blank=True)
    category = models.CharField(max_length=80, blank=True)
    legal_ground = models.CharField(max_length=500, blank=True)
    legal_explanation = models.TextField(max_length=2000, blank=True)
    rule = models.ForeignKey("moderation.Rule", null=True, blank=True, on_delete=models.PROTECT)
    rule_explanation = models.TextField(max_length=2000, blank=True)
    facts = models.TextField(max_length=5000)
    automated_detection = models.BooleanField(default=False)
    automated_decision = models.CharField(
        max_length=40, choices=Automation.choices, default=Automation.NOT_AUTOMATED
    )
    territorial_scope = models.JSONField(default=list, blank=True)
    ends_at = models.DateTimeField(null=True, blank=True)
    manifestly_illegal = models.BooleanField(default=False)
    storage_unlawful = models.BooleanField(
        default=False,
        help_text=_("Content whose mere storage is unlawful: purged at once, no image evidence"),
    )
    target_state_before = models.JSONField(default=dict, help_text=_("Restored on reversal"))
    created_at = models.DateTimeField()
    applied_at = models.DateTimeField(null=True, blank=True)
    appeal_of = models.ForeignKey(
        "moderation.Appeal",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="resulting_decisions",
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Decision {self.pk}: {self.action}"


class StatementOfReasons(models.Model):
    """The DSA Art. 17 statement sent to the affected user. `fields` holds the
    Transparency Database representation (no personal data, Art. 24(5))."""

    decision = models.OneToOneField(Decision, on_delete=models.PROTECT, related_name="statement")
    puid = models.CharField(max_length=100, unique=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="statements",
    )
    fields = models.JSONField()
    sent_at = models.DateTimeField()
    # A person on another server gets the statement as a direct message linking to a page
    # here; `access_token` in that link lets them read it and appeal without an account.
    remote_recipient = models.ForeignKey(
        "federation.RemoteActor",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="statements",
    )
    access_token = models.CharField(max_length=64, blank=True)
    remote_delivery = models.ForeignKey(
        "federation.Delivery", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return self.puid


class Evidence(models.Model):
    """A snapshot of the item as it was when decided, kept ten weeks by Candid's policy (the
    period of the repealed NetzDG §3(2) no. 4) and also until the appeal window has closed
    or the appeal is finally decided."""

    decision = models.OneToOneField(Decision, on_delete=models.PROTECT, related_name="evidence")
    image = models.CharField(max_length=255, blank=True)
    text = models.JSONField(default=dict)
    captured_at = models.DateTimeField()
    keep_until = models.DateTimeField(db_index=True)
    purged_at = models.DateTimeField(null=True, blank=True)


class Strike(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="strikes"
    )
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="strikes")
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        # A decision gives at most one strike; its reversal lifts it (removed_at).
        constraints = [models.UniqueConstraint(fields=["decision"], name="one_strike_per_decision")]

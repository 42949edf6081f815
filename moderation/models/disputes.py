from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Dispute(models.Model):
    """A dispute about a decision taken to a certified out-of-court settlement body
    (DSA Art. 21), recorded by a moderator when the body tells Candid of it. The body's
    decision is not binding; `implemented` says whether Candid followed it (Art. 24(1)(a))."""

    class Outcome(models.TextChoices):
        UPHELD = "upheld", _("Decision upheld")
        REVERSED = "reversed", _("Decision reversed")
        PARTIALLY = "partially", _("Decision partially reversed")
        OMITTED = "omitted", _("No decision (dispute ended without one)")

    reference = models.CharField(max_length=20, unique=True)
    decision = models.ForeignKey(
        "moderation.Decision", on_delete=models.PROTECT, related_name="disputes"
    )
    body_name = models.CharField(max_length=200)
    submitted_at = models.DateTimeField()
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    implemented = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["submitted_at", "id"]

    def __str__(self) -> str:
        return self.reference

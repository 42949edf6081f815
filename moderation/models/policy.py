from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

STRIKE_STEPS = ("strikes_for_warning", "strikes_for_suspension", "strikes_for_termination")
MISUSE_STEPS = ("misuse_warning_after", "misuse_deprioritise_after", "misuse_suspend_after")


class ModerationPolicy(models.Model):
    """Operator policy that changes at run time (one row, edited by admins)."""

    rules_target_hours = models.PositiveIntegerField(
        default=72, help_text=_("Target time to decide a community-rules report")
    )
    escalate_before_hours = models.PositiveIntegerField(
        default=4, help_text=_("Escalate a case this long before its deadline")
    )
    strike_expiry_days = models.PositiveIntegerField(default=180)
    strikes_for_warning = models.PositiveIntegerField(default=1)
    strikes_for_suspension = models.PositiveIntegerField(default=2)
    strikes_for_termination = models.PositiveIntegerField(default=4)
    suspension_days = models.PositiveIntegerField(default=7)
    misuse_window_days = models.PositiveIntegerField(
        default=90, help_text=_("Art. 23: period over which unfounded notices are counted")
    )
    misuse_warning_after = models.PositiveIntegerField(default=3)
    misuse_deprioritise_after = models.PositiveIntegerField(default=5)
    misuse_suspend_after = models.PositiveIntegerField(default=8)
    misuse_suspension_days = models.PositiveIntegerField(default=30)

    def clean(self):
        """Thresholds climb: a warning comes before a suspension before termination, and
        for misuse of the notice system (DSA Art. 23) a warning before deprioritising
        before suspending."""
        for steps in (STRIKE_STEPS, MISUSE_STEPS):
            values = [getattr(self, name) for name in steps]
            if values != sorted(values):
                shown = ", ".join(f"{name} = {getattr(self, name)}" for name in steps)
                raise ValidationError(
                    _("These thresholds must not decrease: %(shown)s.") % {"shown": shown}
                )

    @classmethod
    def current(cls) -> "ModerationPolicy":
        return cls.objects.get_or_create(pk=1)[0]

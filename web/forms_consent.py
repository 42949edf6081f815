"""Forms of the consent settings pages: one field per purpose."""

from django import forms
from django.utils.translation import gettext_lazy as _

from consent.models import ConsentChange, Purpose
from web.forms import CandidForm

HELP = {
    Purpose.AI_TRAINING: _("Training or testing AI/ML models such as classifiers or detectors."),
    Purpose.GENAI_TRAINING: _("Training generative models that make new images or text."),
    Purpose.BIOMETRIC: _("Analysing faces or other biometric features, e.g. face recognition."),
    Purpose.RESEARCH: _("Being included in research dataset releases that Candid publishes."),
}
# One whole label per purpose ("Allow …"), not the purpose's name glued on: German puts
# the verb last.
ALLOW = {
    Purpose.AI_TRAINING: _("Allow AI/ML training"),
    Purpose.GENAI_TRAINING: _("Allow generative-AI training"),
    Purpose.BIOMETRIC: _("Allow biometric analysis"),
    Purpose.RESEARCH: _("Allow research datasets"),
}
PHOTO_CHOICES = [
    (ConsentChange.Value.INHERIT, _("As my account setting")),
    (ConsentChange.Value.ALLOWED, _("Allowed for this photo")),
    (ConsentChange.Value.REFUSED, _("Not allowed for this photo")),
]


class AccountConsentForm(CandidForm):
    """Unticked means not allowed, the default."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for purpose in Purpose.values:
            self.fields[purpose] = forms.BooleanField(
                label=ALLOW[purpose],
                required=False,
                help_text=HELP[purpose],
            )


class PhotoConsentForm(CandidForm):
    """Per-photo overrides; "as my account setting" removes the override."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for purpose, label in Purpose.choices:
            self.fields[purpose] = forms.ChoiceField(
                label=label, choices=PHOTO_CHOICES, widget=forms.RadioSelect
            )

    def overrides(self) -> dict[str, bool | None]:
        as_bool = {"inherit": None, "allowed": True, "refused": False}
        return {purpose: as_bool[self.cleaned_data[purpose]] for purpose in Purpose.values}

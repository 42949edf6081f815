"""Forms of the consent settings pages: one field per purpose."""

from django import forms

from consent.models import ConsentChange, Purpose
from web.forms import CandidForm

HELP = {
    Purpose.AI_TRAINING: "Training or testing AI/ML models such as classifiers or detectors.",
    Purpose.GENAI_TRAINING: "Training generative models that make new images or text.",
    Purpose.BIOMETRIC: "Analysing faces or other biometric features, e.g. face recognition.",
    Purpose.RESEARCH: "Being included in research dataset releases that Candid publishes.",
}
PHOTO_CHOICES = [
    (ConsentChange.Value.INHERIT, "As my account setting"),
    (ConsentChange.Value.ALLOWED, "Allowed for this photo"),
    (ConsentChange.Value.REFUSED, "Not allowed for this photo"),
]


class AccountConsentForm(CandidForm):
    """Unticked means not allowed, the default."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for purpose, label in Purpose.choices:
            self.fields[purpose] = forms.BooleanField(
                label=f"Allow {label[0].lower()}{label[1:]}",
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

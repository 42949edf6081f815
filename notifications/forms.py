from django import forms

from notifications.kinds import CHOOSABLE, Email, Kind


class EmailPreferencesForm(forms.Form):
    """One choice per kind: no e-mail, at once, or in the daily digest."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in CHOOSABLE:
            self.fields[kind] = forms.ChoiceField(
                label=Kind(kind).label, choices=Email.choices, widget=forms.RadioSelect
            )

"""The sign-in code form (second factor)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from web.forms import CandidForm


class CodeForm(CandidForm):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_(
            "The six digits your authenticator app shows now, or one of your recovery codes."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "autofocus": True}
        ),
    )


class SetupCodeForm(CandidForm):
    code = forms.CharField(
        label=_("Code from the app"),
        max_length=10,
        help_text=_("The six digits the app shows after you added Candid to it."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

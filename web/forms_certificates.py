"""Forms for reservation certificates: asking for one, and checking one."""

import json
from datetime import date, timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from web.forms import CandidForm

CERTIFICATE_MAX_BYTES = 5 * 1024 * 1024


class CertificateForm(CandidForm):
    photo = forms.IntegerField(
        label=_("Photo number"),
        required=False,
        min_value=1,
        help_text=_("Leave empty for your account's own setting."),
    )
    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Until"), widget=forms.DateInput(attrs={"type": "date"}))
    output = forms.ChoiceField(
        label=_("Format"),
        choices=[("html", _("Printable page")), ("json", _("Signed JSON file"))],
        initial="html",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = date.today()
        self.fields["start"].initial = today - timedelta(days=365)
        self.fields["end"].initial = today

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["end"] < cleaned["start"]:
            raise forms.ValidationError(_("The end of the period must come after its start."))
        return cleaned


class CertificateCheckForm(CandidForm):
    certificate = forms.FileField(
        label=_("Certificate (JSON)"),
        help_text=_("The signed JSON file Candid gave you, unchanged."),
    )

    def clean_certificate(self):
        upload = self.cleaned_data["certificate"]
        if upload.size > CERTIFICATE_MAX_BYTES:
            raise forms.ValidationError(_("A certificate is at most 5 MB."))
        try:
            return json.loads(upload.read().decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise forms.ValidationError(_("This file is not JSON.")) from None

from django import forms
from oauth2_provider.models import Application


class AppRegisterForm(forms.Form):
    name = forms.CharField(max_length=255, help_text="Shown to people asked to authorise it.")
    redirect_uris = forms.CharField(
        label="Redirect URIs",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One per line, exactly as your app sends them (https, or http for testing).",
    )
    client_type = forms.ChoiceField(
        choices=[
            (Application.CLIENT_CONFIDENTIAL, "Confidential: a server that keeps a secret"),
            (Application.CLIENT_PUBLIC, "Public: a phone, desktop or browser app (no secret)"),
        ],
        widget=forms.RadioSelect,
        initial=Application.CLIENT_CONFIDENTIAL,
    )

from django import forms
from django.utils.translation import gettext_lazy as _
from oauth2_provider.models import Application


class AppRegisterForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=255, help_text=_("Shown to people asked to authorise it.")
    )
    redirect_uris = forms.CharField(
        label=_("Redirect URIs"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, exactly as your app sends them (https, or http for testing)."),
    )
    client_type = forms.ChoiceField(
        label=_("Client type"),
        choices=[
            (Application.CLIENT_CONFIDENTIAL, _("Confidential: a server that keeps a secret")),
            (Application.CLIENT_PUBLIC, _("Public: a phone, desktop or browser app (no secret)")),
        ],
        widget=forms.RadioSelect,
        initial=Application.CLIENT_CONFIDENTIAL,
    )

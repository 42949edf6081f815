"""Forms of the settings pages: password, e-mail address, upload defaults, and the
confirmation that deletes an account."""

from django import forms
from django.contrib.auth.forms import PasswordChangeForm
from django.utils.translation import gettext_lazy as _

from photos.licences import licence_choices
from photos.models import Visibility
from web.forms import CandidForm


class SettingsPasswordForm(PasswordChangeForm):
    """Django's form: the current password is checked, the new one typed twice and held to
    AUTH_PASSWORD_VALIDATORS. Field names (old_password, new_password1, new_password2) are
    Django's, so password managers recognise them."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        # Django focuses the current password; on a page of several forms that would pull
        # a screen reader past the page's heading.
        self.fields["old_password"].widget.attrs.pop("autofocus", None)


class EmailChangeForm(CandidForm):
    new_email = forms.EmailField(
        label=_("New e-mail address"),
        help_text=_("We send a link to this address; your address changes when you open it."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password = forms.CharField(
        label=_("Your password"),
        help_text=_("To make sure it is you."),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class UploadDefaultsForm(CandidForm):
    licence = forms.ChoiceField(label=_("Licence"), choices=licence_choices)
    visibility = forms.ChoiceField(label=_("Visibility"), choices=Visibility.choices)
    show_location = forms.BooleanField(
        required=False,
        label=_("Show location"),
        help_text=_("Keep the GPS position in served images and show it on the photo page."),
    )


class ErasureConfirmForm(CandidForm):
    """Typing the username confirms the deletion of the account; empty or different, the
    form says which and nothing happens."""

    confirm = forms.CharField(
        label=_("Your username"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args, username: str, **kwargs):
        self.username = username
        super().__init__(*args, **kwargs)

    def clean_confirm(self) -> str:
        typed = self.cleaned_data["confirm"].strip()
        if not typed:
            raise forms.ValidationError(
                _(
                    "Your account was not deleted: the confirmation is empty. Type your "
                    "username, %(username)s, in the box to confirm."
                )
                % {"username": self.username}
            )
        if typed != self.username:
            raise forms.ValidationError(
                _(
                    "Your account was not deleted: “%(typed)s” is not your username. Type "
                    "%(username)s exactly as shown."
                )
                % {"typed": typed, "username": self.username}
            )
        return typed

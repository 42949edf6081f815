"""Forms of the web UI. They validate shape and choices; the services decide the rest
(and repeat the checks, so a form is never the only guard)."""

import uuid

from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.password_validation import validate_password
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts.models import ApiToken
from accounts.preferences import language_choices, time_zone_names
from accounts.terms import TERMS_VERSION
from core.mail import mail_record
from core.validators import reject_control_characters, reject_invisible
from photos.licences import licence_choices
from photos.models import ALT_TEXT_MAX_LENGTH, Visibility
from social.models import COMMENT_MAX_LENGTH

USERNAME_HELP = _("Letters, digits and @ . + - _ only.")


class PlainTextForm:
    """Every text field refuses control characters, and names and titles refuse text that
    shows nothing (core.validators, the same check the API and every address pass)."""

    fields_that_must_show = frozenset({"title", "name", "display_name"})

    def full_clean(self):
        """At cleaning time, so fields a form adds in its own __init__ are covered too."""
        for name, field in self.fields.items():
            if not isinstance(field, forms.CharField):
                continue
            wanted = [reject_control_characters]
            if name in self.fields_that_must_show:
                wanted.append(reject_invisible)
            field.validators.extend(v for v in wanted if v not in field.validators)
        super().full_clean()


class CandidForm(PlainTextForm, forms.Form):
    """Labels without a trailing colon; the layout sets them apart."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that accepts one or many files (Django asks for this to be explicit)."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        files = [f for f in files if f]
        if not files:
            raise forms.ValidationError(_("Choose at least one photo to upload."), code="required")
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class SignupForm(CandidForm):
    username = forms.RegexField(
        label=_("Username"),
        regex=r"^[\w.@+-]+\Z",
        max_length=150,
        help_text=USERNAME_HELP,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    email = forms.EmailField(
        label=_("Email"),
        help_text=_(
            "We send a link to confirm it. Used for your account only: confirmation, password "
            "reset and messages about your content."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters; not a common password."),
    )
    accept_terms = forms.BooleanField(
        label=_("I have read the terms of service and the privacy notice, and I accept the terms."),
        error_messages={
            "required": _(
                "Please tick the box to confirm that you have read the terms of service and "
                "the privacy notice."
            )
        },
    )
    # The version of the terms and privacy notice the page showed (accounts/terms.py).
    terms_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_password(self):
        password = self.cleaned_data["password"]
        validate_password(password)
        return password

    def clean(self):
        data = super().clean()
        if data.get("accept_terms") and data.get("terms_version") != TERMS_VERSION:
            self.add_error(
                "accept_terms",
                _(
                    "The terms of service or the privacy notice changed while you were signing "
                    "up: please read them again and tick the box."
                ),
            )
        return data


class ProfileForm(CandidForm):
    display_name = forms.CharField(label=_("Display name"), max_length=80, required=False)
    bio = forms.CharField(
        label=_("About you"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    avatar = forms.FileField(
        label=_("Avatar"),
        required=False,
        help_text=_("A JPEG, PNG or WebP image; it is cropped to a square."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        help_text=_("Pages, e-mails and statements of reasons reach you in this language."),
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        required=False,
        help_text=_("Dates and times are shown in this time zone."),
    )
    search_noindex = forms.BooleanField(
        label=_("Ask search engines not to index my photos and profile"),
        required=False,
        help_text=_(
            "Your pages and images then say “noindex” and are left out of the sitemap. "
            "Search engines that follow the rule honour it; anyone may still see what you "
            "make public. To limit who sees a photo, change its visibility."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("As my browser asks")), *language_choices()]
        zones = [(name, name) for name in time_zone_names()]
        self.fields["time_zone"].choices = [("", _("The site's time zone (UTC)")), *zones]


class TokenForm(CandidForm):
    name = forms.CharField(
        label=_("Name"),
        max_length=80,
        help_text=_("What this token is for, e.g. “laptop sync”."),
    )
    scopes = forms.MultipleChoiceField(
        label=_("Scopes"),
        choices=ApiToken.Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Read lets an app see what you can see; write lets it upload and change."),
    )


def alt_text_field(**kwargs) -> forms.CharField:
    """Alt text: plain text like the description (PlainTextForm refuses control characters)."""
    return forms.CharField(
        label=_("Alt text"),
        max_length=ALT_TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": ALT_TEXT_MAX_LENGTH}),
        **kwargs,
    )


class PhotoFieldsForm(CandidForm):
    """The fields a photo's owner sets at upload and may edit later."""

    field_order = ["title", "alt_text", "description"]
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    alt_text = alt_text_field(
        help_text=_(
            "Describe what the photo shows for people who cannot see it, "
            "e.g. “A red tram crossing a bridge in the snow”."
        ),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    tags = forms.CharField(
        label=_("Tags"),
        max_length=1000,
        required=False,
        help_text=_("Separated by spaces or commas, e.g. street berlin."),
    )
    licence = forms.ChoiceField(label=_("Licence"), choices=licence_choices, initial="arr")
    visibility = forms.ChoiceField(
        label=_("Visibility"), choices=Visibility.choices, initial=Visibility.PUBLIC
    )
    show_location = forms.BooleanField(
        required=False,
        label=_("Show location"),
        help_text=_("Keep the GPS position in served images and show it on the photo page."),
    )


class CommentForm(CandidForm):
    body = forms.CharField(
        label=_("Add a comment"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": COMMENT_MAX_LENGTH}),
    )


class AlbumForm(CandidForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    visibility = forms.ChoiceField(
        label=_("Visibility"), choices=Visibility.choices, initial=Visibility.PUBLIC
    )


class AlbumPhotosForm(CandidForm):
    """One checkbox and one position per photo of the owner; yields the chosen ids in order."""

    def __init__(self, *args, photos, chosen: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.photos = list(photos)
        position = {pid: i + 1 for i, pid in enumerate(chosen)}
        for photo in self.photos:
            self.fields[f"in_{photo.pk}"] = forms.BooleanField(
                required=False,
                initial=photo.pk in position,
                label=_("Include “%(photo)s”") % {"photo": photo},
            )
            self.fields[f"pos_{photo.pk}"] = forms.IntegerField(
                required=False,
                min_value=1,
                max_value=100_000,
                label=_("Position"),
                initial=position.get(photo.pk),
                widget=forms.NumberInput(attrs={"class": "position"}),
            )

    def rows(self):
        return [(p, self[f"in_{p.pk}"], self[f"pos_{p.pk}"]) for p in self.photos]

    def chosen_ids(self) -> list[int]:
        """Ticked photos sorted by position; ones without a position go last, in list order."""
        picked = [
            (self.cleaned_data.get(f"pos_{p.pk}") or 10**9, i, p.pk)
            for i, p in enumerate(self.photos)
            if self.cleaned_data.get(f"in_{p.pk}")
        ]
        return [pk for _, _, pk in sorted(picked)]


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form, its mail recorded and sent by the worker (core/mail.py)
    instead of from inside the request; subject and text are rendered the same way."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ) -> None:
        # The member's saved language, else the language of the page they asked from.
        language = context["user"].language or translation.get_language()
        with translation.override(language):
            subject = "".join(render_to_string(subject_template_name, context).splitlines())
            body = render_to_string(email_template_name, context)
        # Each request is its own message, even one alike to the word (same second's token).
        request_id = f"password-reset:{uuid.uuid4()}"
        mail_record(
            to=[to_email], subject=subject, body=body, purpose=email_template_name, about=request_id
        )

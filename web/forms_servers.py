"""The moderators' forms for measures on other servers (issue #20)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from federation.domain_measures import MAX_REASON
from federation.models import DomainBlock

MAX_LIST_BYTES = 5 * 1024 * 1024


class ServerMeasureForm(forms.Form):
    domain = forms.CharField(label=_("Server"), max_length=253, help_text=_("e.g. example.social"))
    kind = forms.ChoiceField(label=_("Measure"), choices=DomainBlock.Kind.choices)
    reject_media = forms.BooleanField(
        label=_("Also reject their media (with a limit)"), required=False
    )
    reject_reports = forms.BooleanField(label=_("Reject their reports"), required=False)
    obfuscate = forms.BooleanField(
        label=_("Publish the server’s name partly masked"), required=False
    )
    public_reason = forms.CharField(
        label=_("Public reason"),
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Shown on the public list of moderated servers and sent to members who lose follows."
        ),
    )
    private_note = forms.CharField(
        label=_("Note for moderators (not published)"),
        max_length=MAX_REASON,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ServerLiftForm(forms.Form):
    public_reason = forms.CharField(
        label=_("Public reason for lifting"),
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ServerListForm(forms.Form):
    file = forms.FileField(
        label=_("Block list (Mastodon CSV)"),
        help_text=_("#domain,#severity,#reject_media,#reject_reports,#public_comment,#obfuscate"),
    )
    default_reason = forms.CharField(
        label=_("Reason for rows without a public comment"),
        max_length=MAX_REASON,
        required=False,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_LIST_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload

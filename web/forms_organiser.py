"""The organiser's form: the photos ticked (or all of the list) and one action with its
value. It validates shape; the services in photos.bulk check ownership and the values."""

from django import forms
from django.utils.translation import gettext_lazy as _

from photos import bulk
from photos.licences import licence_choices
from photos.models import Visibility
from web.forms import CandidForm
from web.forms_upload import album_choices

ACTION_CHOICES = [
    (bulk.TAGS_ADD, _("Add tags")),
    (bulk.TAGS_REMOVE, _("Remove tags")),
    (bulk.LICENCE, _("Set the licence")),
    (bulk.VISIBILITY, _("Set who can see them")),
    (bulk.ALBUM, _("Add to an album")),
    (bulk.DELETE, _("Delete them")),
]
SELECTED, ALL = "selected", "all"


class PhotoIdsField(forms.Field):
    widget = forms.MultipleHiddenInput  # reads every value of the name

    def to_python(self, value) -> list[int]:
        values = value or []
        if any(not str(v).isdigit() or len(str(v)) > 18 for v in values):
            raise forms.ValidationError(_("The chosen photos could not be read."))
        return [int(v) for v in values]


class OrganiserForm(CandidForm):
    photo = PhotoIdsField(required=False)
    scope = forms.ChoiceField(
        label=_("Which photos"),
        choices=[(SELECTED, _("The ticked photos")), (ALL, _("All photos of this list"))],
        initial=SELECTED,
        widget=forms.RadioSelect,
    )
    action = forms.ChoiceField(label=_("Change"), choices=ACTION_CHOICES, widget=forms.RadioSelect)
    tags = forms.CharField(
        label=_("Tags"),
        max_length=1000,
        required=False,
        help_text=_("For adding or removing tags: separated by spaces or commas."),
    )
    licence = forms.ChoiceField(label=_("Licence"), required=False)
    visibility = forms.ChoiceField(label=_("Visibility"), required=False)
    album = forms.ChoiceField(label=_("Album"), required=False)
    confirm_delete = forms.BooleanField(
        label=_("Yes, delete these photos for good, with their originals"), required=False
    )

    NEEDS = {
        bulk.TAGS_ADD: "tags",
        bulk.TAGS_REMOVE: "tags",
        bulk.LICENCE: "licence",
        bulk.VISIBILITY: "visibility",
        bulk.ALBUM: "album",
        bulk.DELETE: "confirm_delete",
    }

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["licence"].choices = [("", "—"), *licence_choices()]
        self.fields["visibility"].choices = [("", "—"), *Visibility.choices]
        self.fields["album"].choices = [("", "—"), *album_choices(owner)]

    def clean(self):
        data = super().clean()
        needed = self.NEEDS.get(data.get("action"))
        if needed and not data.get(needed):
            messages = {
                "tags": _("Name the tags to add or remove."),
                "licence": _("Choose the licence."),
                "visibility": _("Choose who can see them."),
                "album": _("Choose the album."),
                "confirm_delete": _("Tick the box to confirm that the photos are to be deleted."),
            }
            self.add_error(needed, messages[needed])
        if data.get("scope") == SELECTED and not data.get("photo") and not self.errors:
            self.add_error(None, _("Tick at least one photo, or choose all photos of this list."))
        return data

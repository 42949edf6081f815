"""Forms of uploading and describing photos: the upload form (one photo or many, with
what applies to each and what applies to all), and the describe step after it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.validators import reject_invisible
from photos.models import Album
from web.forms import (
    CandidForm,
    MultipleFileField,
    MultipleFileInput,
    PhotoFieldsForm,
    alt_text_field,
)

MAX_ALBUM_CHOICES = 200
EACH_PHOTO = ("title", "alt_text", "description")
ALL_PHOTOS = ("tags", "album", "licence", "visibility", "show_location")


def album_choices(owner) -> list[tuple[str, str]]:
    albums = Album.objects.filter(owner_id=owner.pk, removed_at__isnull=True)
    return [(str(a.pk), a.title) for a in albums.only("pk", "title")[:MAX_ALBUM_CHOICES]]


class UploadForm(PhotoFieldsForm):
    """Without JavaScript all files come in one request: the fields of "each photo" go to
    a single photo as they are; with several, each photo takes its own title (the file's
    embedded title or its name, or the typed title numbered) and is described on the next
    page. The uploader script (static/js/upload.js) sends one request per file, with that
    file's own title, description, alt text and `file_tags`."""

    field_order = ["files", *EACH_PHOTO, "file_tags", *ALL_PHOTOS]
    files = MultipleFileField(
        label=_("Photos"),
        help_text=_("One or many JPEG, PNG, WebP or HEIC files."),
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/heic"}),
    )
    file_tags = forms.CharField(max_length=1000, required=False, widget=forms.HiddenInput)
    album = forms.ChoiceField(label=_("Album"), required=False)

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["album"].choices = [("", _("No album")), *album_choices(owner)]
        self.fields["album"].help_text = _("Every photo of this upload joins this album.")
        self.fields["title"].help_text = _(
            "Uploading several photos? Each gets its own title: the one saved in the file "
            "(EXIF, IPTC or XMP), else its file name, or this title numbered 1, 2, 3 …; you "
            "can change each one on the next page."
        )
        self.fields["alt_text"].help_text = _(
            "Describe what the photo shows for people who cannot see it. Uploading several "
            "photos? You describe each one on the next page."
        )
        self.fields["tags"].help_text = _(
            "For all photos of this upload, separated by spaces or commas, e.g. street berlin."
        )

    def each_photo(self):
        return [self[name] for name in EACH_PHOTO]

    def all_photos(self):
        return [self[name] for name in ALL_PHOTOS]

    def album_id(self) -> int | None:
        return int(self.cleaned_data["album"]) if self.cleaned_data.get("album") else None


class DescribeForm(CandidForm):
    """Title, description and alt text of each of several photos, after a bulk upload. A
    field not sent at all is left as it is."""

    def __init__(self, *args, photos, **kwargs):
        super().__init__(*args, **kwargs)
        self.photos = list(photos)
        for photo in self.photos:
            self.fields[f"title_{photo.pk}"] = forms.CharField(
                label=_("Title"),
                max_length=200,
                required=False,
                initial=photo.title,
                validators=[reject_invisible],
            )
            self.fields[f"alt_{photo.pk}"] = alt_text_field(initial=photo.alt_text)
            self.fields[f"alt_{photo.pk}"].label = _("Alt text for “%(photo)s”") % {"photo": photo}
            self.fields[f"description_{photo.pk}"] = forms.CharField(
                label=_("Description"),
                max_length=5000,
                required=False,
                initial=photo.description,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def rows(self):
        return [
            (photo, [self[f"{k}_{photo.pk}"] for k in ("title", "alt", "description")])
            for photo in self.photos
        ]

    def changes(self) -> dict:
        """{photo: {field: new value}} for what was sent and differs."""
        out = {}
        for photo in self.photos:
            fields = {}
            for key, name in (
                ("title", "title"),
                ("alt", "alt_text"),
                ("description", "description"),
            ):
                field = f"{key}_{photo.pk}"
                if field in self.data and self.cleaned_data[field] != getattr(photo, name):
                    fields[name] = self.cleaned_data[field]
            if fields:
                out[photo] = fields
        return out

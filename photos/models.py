from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from photos.licences import LICENCE_CHOICES, LICENCES


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    FOLLOWERS = "followers", _("Followers only")
    PRIVATE = "private", _("Private")


ALT_TEXT_MAX_LENGTH = 1500


class Tag(models.Model):
    name = models.SlugField(_("name"), max_length=50, unique=True, allow_unicode=True)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name


class Photo(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="photos"
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    alt_text = models.TextField(
        _("alt text"),
        max_length=ALT_TEXT_MAX_LENGTH,
        blank=True,
        help_text=_("What the photo shows, for people who cannot see it (the img alt)"),
    )
    licence = models.CharField(_("licence"), max_length=16, choices=LICENCE_CHOICES, default="arr")
    visibility = models.CharField(
        _("visibility"), max_length=12, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    show_location = models.BooleanField(
        _("show location"),
        default=False,
        help_text="Keep GPS position in served renditions and show it on the page",
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="photos", verbose_name=_("tags"))

    original = models.CharField(max_length=255, help_text="Storage path; owner-only")
    original_format = models.CharField(max_length=8)
    original_bytes = models.PositiveBigIntegerField()
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64, db_index=True)
    pdq_hash = models.CharField(max_length=64, db_index=True)
    pdq_quality = models.PositiveSmallIntegerField()
    blurhash = models.CharField(
        max_length=64,
        blank=True,
        help_text="BlurHash of the photo (photos/blurhash.py), made once when it is first "
        "sent to other servers, who show it while the image loads",
    )

    taken_at = models.DateTimeField(null=True, blank=True)
    camera = models.JSONField(default=dict, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

    rendition_version = models.PositiveIntegerField(
        default=1,
        help_text="Bumped whenever what a rendition URL serves changes: the renditions are "
        "rebuilt, or the photo's consent (carried in the served file and headers) changes",
    )
    rendition_sizes = models.CharField(
        max_length=64,
        default="large,medium,small",
        help_text="The rendition sizes made for this photo, comma-separated: a size added "
        "later (the 500 px tile) is offered in srcset only once the worker has made it",
    )

    # Set only by moderation decisions (moderation.services), each with a statement of reasons.
    removed_at = models.DateTimeField(null=True, blank=True)
    sensitive = models.BooleanField(default=False)
    demoted = models.BooleanField(default=False, help_text="Hidden from explore and search")
    withheld_in = models.CharField(
        max_length=200, blank=True, help_text="Country codes as ',DE,AT,' (portable lookups)"
    )

    # The time of the upload; a move-in gives the photo's date at its former home
    # (photos.services.photo_upload), so `auto_now_add`, which would overwrite it, is not used.
    created_at = models.DateTimeField(default=timezone.now, editable=False, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["visibility", "-created_at"]),
            # A member's photostream, its count and its previous / next (photos.neighbours).
            models.Index(fields=["owner", "-created_at"], name="photo_owner_newest"),
        ]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return self.title or gettext("Photo %(id)s") % {"id": self.pk}

    @property
    def made_sizes(self) -> frozenset[str]:
        """The rendition sizes this photo has (`rendition_sizes`): what srcset may offer."""
        return frozenset(self.rendition_sizes.split(","))

    @property
    def withheld_countries(self) -> list[str]:
        """The country codes the photo is withheld in, by a moderation decision."""
        return [code for code in self.withheld_in.split(",") if code]

    @property
    def licence_info(self):
        return LICENCES[self.licence]

    @property
    def image_alt(self) -> str:
        """The img alt everywhere the photo is shown: the owner's alt text, else the
        description, else the title, else who took it."""
        return (
            self.alt_text
            or self.description
            or self.title
            or gettext("Photo by %(name)s") % {"name": self.owner.name}
        )


class Rendition(models.Model):
    photo = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="renditions")
    size = models.CharField(max_length=8)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    file = models.CharField(max_length=255)
    bytes = models.PositiveIntegerField()
    etag = models.CharField(
        max_length=64,
        blank=True,
        help_text="Digest of the stored file, taken when it was generated: conditional "
        "requests are answered from it without reading the file ('' for renditions made "
        "before it was kept; see photos.rendition_keys.stored_validator)",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["photo", "size"], name="one_rendition_per_size")
        ]


class Album(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="albums"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=12, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    photos = models.ManyToManyField(Photo, through="AlbumPhoto", related_name="albums")
    removed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("album")
        verbose_name_plural = _("albums")

    def __str__(self) -> str:
        return self.title


class AlbumPhoto(models.Model):
    album = models.ForeignKey(Album, on_delete=models.CASCADE, related_name="entries")
    photo = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="album_entries")
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["album", "photo"], name="photo_once_per_album")
        ]


class PhotoOrigin(models.Model):
    """Where an imported photo came from (rights.movein): the service, the photo's id
    there, the account's id there (Flickr's NSID) and its page. The dataset check finds a
    photo in a third-party manifest by these ids without the member having to know them;
    `uploaded_at` is the original upload date (the photo's `created_at` follows it, so
    the photostream keeps the order it had there)."""

    photo = models.OneToOneField(Photo, on_delete=models.CASCADE, related_name="origin")
    service = models.CharField(max_length=12)
    external_id = models.CharField(max_length=40)
    account_ref = models.CharField(max_length=100, blank=True)
    page_url = models.CharField(max_length=500, blank=True)
    uploaded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["service", "external_id"], name="photo_origin_external"),
            models.Index(fields=["service", "account_ref"], name="photo_origin_account"),
        ]


class ImportedComment(models.Model):
    """A comment an imported photo had at its source, kept as read-only text with the
    commenter's name there and its date: nobody on Candid wrote it, so it is no
    `social` comment and cannot be answered or reported as one."""

    photo = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="imported_comments")
    author = models.CharField(max_length=100, blank=True)
    author_url = models.CharField(max_length=500, blank=True)
    text = models.TextField(max_length=5000)
    posted_at = models.DateTimeField(null=True, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]


class FavouriteTally(models.Model):
    """A photo's favourites, kept by database triggers (photos/favourite_tally.py) and read
    by the search's "most favourited" sort; Django never writes it. A model so that Django
    knows the table: a test database's flush empties it with the photos it points to."""

    photo = models.OneToOneField(
        Photo,
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    favourites = models.IntegerField(default=0)

    class Meta:
        db_table = "photos_favourite_tally"

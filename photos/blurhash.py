"""The photo's BlurHash: a short string other servers (Mastodon, Pixelfed) draw as a
blurred placeholder while the image loads. Computed once, from the smallest rendition
(the hash keeps 4×3 colour components, so more pixels would change nothing), and kept."""

import blurhash
import numpy
from django.core.files.storage import default_storage
from PIL import Image

from photos.models import Photo, Rendition

COMPONENTS = (4, 3)  # what Mastodon computes for its own attachments
SIDE = 64


def photo_blurhash(photo: Photo) -> str:
    """The stored hash, made and saved on first use; "" when the photo has no rendition."""
    if photo.blurhash:
        return photo.blurhash
    rendition = Rendition.objects.filter(photo=photo).order_by("width").first()
    if rendition is None:
        return ""
    with default_storage.open(rendition.file, "rb") as stored, Image.open(stored) as image:
        image.draft("RGB", (SIDE, SIDE))
        small = image.convert("RGB")
        small.thumbnail((SIDE, SIDE))
        rows = numpy.asarray(small).tolist()  # [y][x][r, g, b], as the encoder reads it
    value = blurhash.encode(rows, components_x=COMPONENTS[0], components_y=COMPONENTS[1])
    Photo.objects.filter(pk=photo.pk).update(blurhash=value)
    photo.blurhash = value
    return value

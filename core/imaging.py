"""Opening untrusted image files safely.

Every image that enters Candid (photos, avatars) passes `open_untrusted_image`: the
format is recognised from the bytes, never the file name; the pixel count is checked
from the header before anything is decoded (decompression bombs); a file that does not
decode completely is refused.
"""

import warnings
from typing import IO

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, UnidentifiedImageError
from pillow_heif import register_heif_opener

from core.errors import ServiceError

register_heif_opener()

ACCEPTED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "HEIF": "heic"}


class ImageRejected(ServiceError):
    pass


def open_untrusted_image(fileobj: IO[bytes]) -> Image.Image:
    """Identify and header-check an image; the caller decodes it (possibly at reduced scale)."""
    fileobj.seek(0)
    # Our own limit is checked below with a clear message; Pillow's own guard would
    # only warn below twice its limit, so it is set to the same figure.
    Image.MAX_IMAGE_PIXELS = settings.CANDID_MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(fileobj, formats=list(ACCEPTED_FORMATS))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageRejected(_bomb_message()) from exc
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise ImageRejected(_unaccepted_message(fileobj)) from exc
    if image.width * image.height > settings.CANDID_MAX_PIXELS:
        raise ImageRejected(_bomb_message())
    return image


DAMAGED = gettext_lazy(
    "This image is damaged or incomplete (it could not be decoded). Please upload the file again."
)


def decode_fully(image: Image.Image) -> Image.Image:
    try:
        image.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ImageRejected(str(DAMAGED)) from exc
    return image


def pixels_only(image: Image.Image) -> Image.Image:
    """`image` with nothing of the uploaded file's metadata left in `info`, for encoding an
    image Candid publishes: Pillow writes the upload's JPEG comment back from there."""
    image.info = {}
    return image


def _unaccepted_message(fileobj: IO[bytes]) -> str:
    """Name the format when Pillow knows it, so "unsupported" reads differently from "broken"."""
    fileobj.seek(0)
    try:
        with Image.open(fileobj) as other:
            found = other.format
    except Exception:  # noqa: BLE001 - any failure here just means "not an image"
        found = None
    if found:
        return _("%(format)s files are not supported. Upload a JPEG, PNG, WebP or HEIC photo.") % {
            "format": found
        }
    return _("This file is not an image. Upload a JPEG, PNG, WebP or HEIC photo.")


def _bomb_message() -> str:
    megapixels = settings.CANDID_MAX_PIXELS // 1_000_000
    return _(
        "This image is larger than %(megapixels)s megapixels, which Candid does not accept."
    ) % {"megapixels": megapixels}

"""From an uploaded file to renditions, hashes and metadata.

Speed matters here (see bench/upload.py and bench/README.md): the original is decoded
once, at the smallest scale JPEG's DCT scaling allows for the largest rendition, and every
smaller rendition is derived from that one decode, each from the one before. Downscaling
first averages integer blocks (`Image.reduce`, cheap and alias-free) and leaves Lanczos
only the last step of less than 2x, as pyvips' thumbnail does; the perceptual hash is
computed on an image of at most 512 px, as PDQ's reference implementation recommends.
Renditions are encoded from pixels alone and carry only the metadata that
photos/served_metadata.py allows: camera and time EXIF, and GPS when the owner turned
"show location" on. Colours are converted to sRGB with the original's ICC profile, which
is then left behind (its free-text tags, and its size, are the uploader's, not ours).
"""

import hashlib
import io
import math
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from typing import IO

import numpy as np
import pdqhash
from PIL import ExifTags, Image, ImageCms, ImageOps

from core.imaging import (
    ACCEPTED_FORMATS,
    DAMAGED,
    ImageRejected,
    decode_fully,
    open_untrusted_image,
    pixels_only,
)
from photos.embedded_title import embedded_title
from photos.heif_decode import heif_reduced
from photos.served_metadata import clean_text, served_exif

# "tile" serves grid tiles on phones at DPR 2 (a 168 px tile needs 336 px): without it
# the browser's next choice above "small" was the 1000 px rendition.
RENDITION_SIZES = {"large": 2000, "medium": 1000, "tile": 500, "small": 320}
# Orientations (EXIF 274) that turn the stored pixels a quarter: width and height swap.
_QUARTER_TURNS = {5, 6, 7, 8}
JPEG_QUALITY = 85
PDQ_MAX_SIDE = 512


@dataclass
class RenditionImage:
    size: str
    width: int
    height: int
    data: bytes


@dataclass
class ProcessedImage:
    format: str
    extension: str
    width: int
    height: int
    sha256: str
    pdq_hash: str
    pdq_quality: int
    taken_at: datetime | None
    camera: dict
    latitude: float | None
    longitude: float | None
    renditions: list[RenditionImage] = field(default_factory=list)
    embedded_title: str = ""  # photos/embedded_title.py


def process_upload(
    fileobj: IO[bytes], *, show_location: bool, sha256: str | None = None
) -> ProcessedImage:
    """`sha256`: the file's digest when the caller has just computed it over the same
    bytes (a move-in hashes each item to find it on Candid already); None: computed here."""
    image = open_untrusted_image(fileobj)
    exif = image.getexif()
    width, height = oriented_size(image.size, exif)
    kind = image.format
    image = _decoded(image, fileobj)
    title = embedded_title(image)  # a PNG's text chunks may follow its pixels
    fileobj.seek(0)
    latitude, longitude = _gps_position(exif)
    processed = ProcessedImage(
        format=kind,
        extension=ACCEPTED_FORMATS[kind],
        width=width,
        height=height,
        sha256=sha256 or hashlib.file_digest(fileobj, "sha256").hexdigest(),
        pdq_hash="",
        pdq_quality=0,
        taken_at=_taken_at(exif),
        camera=_camera(exif),
        latitude=latitude,
        longitude=longitude,
        embedded_title=title,
    )
    # Last use of `image`: _oriented_rgb and the cascade release its pixels on the way.
    scaled = _cascade(_oriented_rgb(image))
    processed.renditions = _encode_all(scaled, exif, show_location=show_location)
    processed.pdq_hash, processed.pdq_quality = pdq_of(_pdq_source(scaled))
    return processed


def oriented_size(size: tuple[int, int], exif: Image.Exif) -> tuple[int, int]:
    """The size as displayed: a photo turned a quarter by its EXIF orientation is listed
    as it is seen (3000 × 4000), not as its pixels are stored (4000 × 3000)."""
    width, height = size
    if exif.get(ExifTags.Base.Orientation, 1) in _QUARTER_TURNS:
        return height, width
    return width, height


def render_from_original(fileobj: IO[bytes], *, show_location: bool) -> list[RenditionImage]:
    """Rebuild renditions from a stored original, e.g. when "show location" changes."""
    image = open_untrusted_image(fileobj)
    exif = image.getexif()
    return render_all(_oriented_rgb(_decoded(image, fileobj)), exif, show_location=show_location)


def render_sizes_from(
    fileobj: IO[bytes], sizes: list[str], *, show_location: bool
) -> list[RenditionImage]:
    """Renditions of the named `sizes` scaled from a larger stored rendition (already
    oriented, in sRGB, with served EXIF only), as the cascade would: how a size added
    later reaches photos made before it (photos.services.rendition_backfill)."""
    image = open_untrusted_image(fileobj)
    exif = image.getexif()
    base = pixels_only(decode_fully(image).convert("RGB"))
    exif_bytes = served_exif(exif, show_location=show_location).tobytes()
    out = []
    for size, long_side in _sizes_largest_first():
        if size in sizes:
            scaled = _scaled(base, long_side)
            buffer = io.BytesIO()
            scaled.save(buffer, "JPEG", quality=JPEG_QUALITY, exif=exif_bytes)
            out.append(RenditionImage(size, scaled.width, scaled.height, buffer.getvalue()))
    return out


def render_all(base: Image.Image, exif: Image.Exif, *, show_location: bool) -> list[RenditionImage]:
    """Each size is scaled from the previous one: a cascade, never from the full original."""
    return _encode_all(_cascade(base), exif, show_location=show_location)


def _cascade(base: Image.Image) -> list[Image.Image]:
    """The rendition images, largest first, each scaled from the one before. `base`'s
    pixels are released once the largest is made (unless it is the largest itself)."""
    out, current = [], base
    for _size, long_side in _sizes_largest_first():
        current = _scaled(current, long_side, release=not out)
        if not out:
            current = _in_srgb(current)
        out.append(current)
    return out


def _in_srgb(image: Image.Image) -> Image.Image:
    """The largest rendition's pixels in sRGB (a Display P3 phone photo keeps its colours),
    with no metadata of the upload's left in `info` (Pillow would write a JPEG comment from
    there). An unreadable profile is ignored: the pixels are then taken as sRGB, as
    browsers would."""
    icc = image.info.get("icc_profile")
    converted = image
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            if not _says_srgb(source):
                converted = ImageCms.profileToProfile(image, source, _srgb(), outputMode="RGB")
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            converted = image
    return pixels_only(converted)


def _says_srgb(profile: ImageCms.ImageCmsProfile) -> bool:
    """An sRGB profile ("sRGB IEC61966-2.1" and kin) needs no transform (~0.1 s saved)."""
    return ImageCms.getProfileDescription(profile).strip().lower().startswith("srgb")


@cache
def _srgb() -> ImageCms.ImageCmsProfile:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _encode_all(
    images: list[Image.Image], exif: Image.Exif, *, show_location: bool
) -> list[RenditionImage]:
    exif_bytes = served_exif(exif, show_location=show_location).tobytes()
    out = []
    for (size, _long_side), image in zip(_sizes_largest_first(), images, strict=True):
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=JPEG_QUALITY, exif=exif_bytes)
        out.append(RenditionImage(size, image.width, image.height, buffer.getvalue()))
    return out


def _sizes_largest_first() -> list[tuple[str, int]]:
    return sorted(RENDITION_SIZES.items(), key=lambda kv: -kv[1])


def pdq_of(image: Image.Image) -> tuple[str, int]:
    bits, quality = pdqhash.compute(np.asarray(image.convert("RGB")))
    return np.packbits(bits.astype(np.uint8)).tobytes().hex(), int(quality)


def _pdq_source(renditions: list[Image.Image]) -> Image.Image:
    """PDQ reduces to 64x64 anyway; from about 512 px the hash stays within a few bits of
    the full-size one (tests/bench_support) at a tenth of the cost of the 1000 px image."""
    big_enough = [image for image in renditions if max(image.size) >= PDQ_MAX_SIDE]
    image = big_enough[-1] if big_enough else renditions[0]
    factor = math.ceil(max(image.size) / PDQ_MAX_SIDE)
    return image.reduce(factor) if factor > 1 else image


def _decoded(image: Image.Image, fileobj: IO[bytes]) -> Image.Image:
    """`image`'s pixels, at the smallest scale that covers the largest rendition where
    the format allows it: JPEG's DCT scaling (`draft`), HEIF reduced while it is read
    from libheif's buffer (photos/heif_decode.py: the full-size image never in Pillow)."""
    if image.format == "HEIF" and image.mode == "RGB":
        try:
            reduced = heif_reduced(fileobj, RENDITION_SIZES["large"])
        except (OSError, ValueError, RuntimeError, EOFError, SyntaxError) as exc:
            raise ImageRejected(str(DAMAGED)) from exc
        if reduced is not None:
            reduced.info = dict(image.info)
            return reduced
    _draft_for(image, RENDITION_SIZES["large"])
    return decode_fully(image)


def _draft_for(image: Image.Image, long_side: int) -> None:
    """Ask JPEG's decoder for the smallest DCT scale that still covers `long_side`."""
    if image.format != "JPEG":
        return
    scale = long_side / max(image.size)
    if scale < 1:
        image.draft("RGB", (max(1, int(image.width * scale)), max(1, int(image.height * scale))))


def _oriented_rgb(image: Image.Image) -> Image.Image:
    """`image` turned upright, in RGB on white. Each full-size intermediate's pixels are
    released as soon as the next exists: at most two full-size images at a time."""
    icc = image.info.get("icc_profile")
    oriented = image
    if image.getexif().get(ExifTags.Base.Orientation, 1) != 1:
        oriented = _replacing(image, ImageOps.exif_transpose(image))
    if oriented.mode in ("RGBA", "LA", "PA") or (
        oriented.mode == "P" and "transparency" in oriented.info
    ):
        rgba = (
            oriented if oriented.mode == "RGBA" else _replacing(oriented, oriented.convert("RGBA"))
        )
        oriented = Image.new("RGB", rgba.size, "white")
        oriented.paste(rgba, mask=rgba.getchannel("A"))
        _free_pixels(rgba)
    elif oriented.mode != "RGB":
        oriented = _replacing(oriented, oriented.convert("RGB"))
    if icc:
        oriented.info["icc_profile"] = icc
    return oriented


def _replacing(old: Image.Image, new: Image.Image) -> Image.Image:
    """`new`, with `old`'s pixels released (unless Pillow returned the same image)."""
    if new is not old:
        _free_pixels(old)
    return new


def _scaled(image: Image.Image, long_side: int, *, release: bool = False) -> Image.Image:
    """`image` scaled to `long_side`: box-averaged by the integer part of the factor
    (`reduce`), then Lanczos for the rest, exactly as `resize(..., reducing_gap=1.0)` does
    (same factors, same box), but in two steps so that with `release` the full-size
    image's pixels are freed before the Lanczos step allocates its buffers: the memory
    peak of a large PNG, WebP or HEIC upload (bench/pipeline_memory.py)."""
    if max(image.size) <= long_side:
        return image
    info = dict(image.info)
    ratio = long_side / max(image.size)
    size = (max(1, round(image.width * ratio)), max(1, round(image.height * ratio)))
    factor = (image.width // size[0] or 1, image.height // size[1] or 1)
    box = (0, 0, image.width / factor[0], image.height / factor[1])
    reduced = image.reduce(factor) if factor != (1, 1) else image
    if release and reduced is not image:
        _free_pixels(image)
    scaled = reduced.resize(size, Image.Resampling.LANCZOS, box=box)
    scaled.info = info
    return scaled


def _free_pixels(image: Image.Image) -> None:
    """Release a decoded image's pixel memory now, not when its last reference goes.
    `Image.Image.close`, not `image.close()`: an opened file's `close` would also close
    the upload's stream, which is hashed and stored afterwards."""
    Image.Image.close(image)


def _taken_at(exif: Image.Exif) -> datetime | None:
    raw = exif.get_ifd(ExifTags.IFD.Exif).get(ExifTags.Base.DateTimeOriginal)
    try:
        return datetime.strptime(str(raw).strip("\x00 "), "%Y:%m:%d %H:%M:%S").replace(tzinfo=UTC)
    except ValueError:
        return None


def _camera(exif: Image.Exif) -> dict:
    ifd = exif.get_ifd(ExifTags.IFD.Exif)
    found = {
        "make": clean_text(exif.get(ExifTags.Base.Make)),
        "model": clean_text(exif.get(ExifTags.Base.Model)),
        "lens": clean_text(ifd.get(ExifTags.Base.LensModel)),
        "exposure_time": _ratio_text(ifd.get(ExifTags.Base.ExposureTime)),
        "f_number": _number(ifd.get(ExifTags.Base.FNumber)),
        "iso": _number(ifd.get(ExifTags.Base.ISOSpeedRatings)),
        "focal_length_mm": _number(ifd.get(ExifTags.Base.FocalLength)),
    }
    return {
        key: str(value).strip("\x00 ") if isinstance(value, str) else value
        for key, value in found.items()
        if value not in (None, "")
    }


def _gps_position(exif: Image.Exif) -> tuple[float | None, float | None]:
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    try:
        lat = _degrees(gps[ExifTags.GPS.GPSLatitude], gps.get(ExifTags.GPS.GPSLatitudeRef, "N"))
        lon = _degrees(gps[ExifTags.GPS.GPSLongitude], gps.get(ExifTags.GPS.GPSLongitudeRef, "E"))
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        return None, None
    return lat, lon


def _degrees(dms, ref: str) -> float:
    degrees, minutes, seconds = (float(part) for part in dms)
    value = degrees + minutes / 60 + seconds / 3600
    return round(-value if ref in ("S", "W") else value, 6)


def _number(value):
    if value is None:
        return None
    if isinstance(value, tuple):
        value = value[0]
    try:
        number = float(value)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    return int(number) if number.is_integer() else round(number, 2)


def _ratio_text(value) -> str | None:
    try:
        number = float(value[0] if isinstance(value, tuple) else value)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    if number <= 0:
        return None
    return f"1/{round(1 / number)}" if number < 1 else f"{number}"

"""What a served rendition says about itself: an allow-list, and nothing else.

A rendition is encoded from pixels alone. Everything else the uploaded file carried — JPEG
comments (COM), XMP, IPTC, MakerNote, embedded thumbnails, PNG text chunks, WebP and HEIC
metadata, the ICC profile with its free-text tags — stays behind in the original, which only
its owner can download. Only the tags below are written back, each only when its value has
the type and form the EXIF standard gives it (a date that is a date, a number that is a
number, a short printable name), so no field can smuggle text. Candid's own consent
metadata (XMP `plus:DataMining`, and the C2PA manifest when signing is configured) is added
when a rendition is served, by consent/signals_http.py.

Kept, because the photo page shows them and they say nothing about who took the photo:
Make, Model, LensMake, LensModel, ExposureTime, FNumber, ISOSpeedRatings, FocalLength,
FocalLengthIn35mmFilm, ExposureBiasValue, DateTimeOriginal, OffsetTimeOriginal, and
Orientation (always 1: the pixels are already turned).

Dropped on purpose: Artist and Copyright as the upload wrote them (free text that may name
anyone; the served file carries Candid's own rights notice instead, built from the owner's
public name and licence, consent.metadata.rights_of), Software (editing tools and
firmware builds), ImageDescription, UserComment and the XP* tags (free text), serial numbers,
CameraOwnerName and ImageUniqueID (they link photos of one person across accounts),
MakerNote (vendor blobs that hold serials, names, even positions), DateTime and the other
dates. The GPS block only when the owner turned "show location" on, and then only the
position: latitude, longitude and altitude with their references.
"""

import math
import re
from numbers import Real

from PIL import ExifTags, Image

TEXT_MAX = 64

_TEXT = "text"
_NUMBER = "number"
_COUNT = "count"
_DATE = "date"
_OFFSET = "offset"

BASE_TAGS = {ExifTags.Base.Make: _TEXT, ExifTags.Base.Model: _TEXT}
EXIF_IFD_TAGS = {
    ExifTags.Base.LensMake: _TEXT,
    ExifTags.Base.LensModel: _TEXT,
    ExifTags.Base.ExposureTime: _NUMBER,
    ExifTags.Base.FNumber: _NUMBER,
    ExifTags.Base.ISOSpeedRatings: _COUNT,
    ExifTags.Base.FocalLength: _NUMBER,
    ExifTags.Base.FocalLengthIn35mmFilm: _COUNT,
    ExifTags.Base.ExposureBiasValue: _NUMBER,
    ExifTags.Base.DateTimeOriginal: _DATE,
    ExifTags.Base.OffsetTimeOriginal: _OFFSET,
}

_DATE_FORM = re.compile(r"\d{4}:\d{2}:\d{2} \d{2}:\d{2}:\d{2}")
_OFFSET_FORM = re.compile(r"[+-]\d{2}:\d{2}")
_REFS = {
    ExifTags.GPS.GPSLatitudeRef: ("N", "S"),
    ExifTags.GPS.GPSLongitudeRef: ("E", "W"),
}
_DEGREES = (ExifTags.GPS.GPSLatitude, ExifTags.GPS.GPSLongitude)


def served_exif(source: Image.Exif, *, show_location: bool) -> Image.Exif:
    """The EXIF a rendition carries: the allow-list above, nothing copied blindly."""
    exif = Image.Exif()
    exif.update(_allowed(source, BASE_TAGS))
    exif_ifd = _allowed(source.get_ifd(ExifTags.IFD.Exif), EXIF_IFD_TAGS)
    if exif_ifd:
        exif[ExifTags.IFD.Exif] = exif_ifd
    if show_location:
        gps = position_only(source.get_ifd(ExifTags.IFD.GPSInfo))
        if gps:
            exif[ExifTags.IFD.GPSInfo] = gps
    exif[ExifTags.Base.Orientation] = 1
    return exif


def clean_text(value) -> str | None:
    """A short printable name (a camera's make or model), or None."""
    if isinstance(value, bytes):
        value = value.decode("ascii", "replace")
    if not isinstance(value, str):
        return None
    value = value.strip("\x00 ")
    if not value or len(value) > TEXT_MAX or not value.isprintable():
        return None
    return value


def position_only(gps: dict) -> dict:
    """Latitude and longitude with their references, and the altitude when it is valid."""
    kept = {}
    for tag, allowed in _REFS.items():
        if clean_text(gps.get(tag)) in allowed:
            kept[tag] = clean_text(gps[tag])
    for tag in _DEGREES:
        value = gps.get(tag)
        if isinstance(value, tuple) and len(value) == 3 and all(map(_is_number, value)):
            kept[tag] = value
    if len(kept) != 4:
        return {}
    altitude = gps.get(ExifTags.GPS.GPSAltitude)
    if _is_number(altitude):
        kept[ExifTags.GPS.GPSAltitude] = altitude
        kept[ExifTags.GPS.GPSAltitudeRef] = 1 if _below_sea(gps) else 0
    return kept


def _allowed(source: dict, kinds: dict[int, str]) -> dict:
    kept = {}
    for tag, kind in kinds.items():
        value = _valid(source.get(tag), kind)
        if value is not None:
            kept[tag] = value
    return kept


def _valid(value, kind: str):
    if value is None:
        return None
    if kind == _TEXT:
        return clean_text(value)
    if kind == _DATE:
        text = clean_text(value)
        return text if text and _DATE_FORM.fullmatch(text) else None
    if kind == _OFFSET:
        text = clean_text(value)
        return text if text and _OFFSET_FORM.fullmatch(text) else None
    if isinstance(value, tuple) and value:
        value = value[0]
    if kind == _COUNT:
        return value if isinstance(value, int) and 0 < value < 2**16 else None
    return value if _is_number(value) else None


def _is_number(value) -> bool:
    if isinstance(value, bool) or not isinstance(value, Real):
        return False
    try:
        return math.isfinite(float(value))
    except (ValueError, ZeroDivisionError):
        return False


def _below_sea(gps: dict) -> bool:
    ref = gps.get(ExifTags.GPS.GPSAltitudeRef)
    return ref in (1, b"\x01")

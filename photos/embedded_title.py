"""A photo's default title: the one its file carries, else its file name made readable.

Photographers title their photos in Lightroom, Capture One, digiKam or Photo Mechanic,
which write the title into the file as XMP `dc:title` and IPTC IIM 2:05 "Object Name"
(the two places the IPTC Photo Metadata Standard names for "Title"); Windows Explorer
writes EXIF `XPTitle`. They are read in that order of precedence, from the original only
(renditions never carry them, photos/served_metadata.py). EXIF `ImageDescription` is not
a title (cameras fill it with "OLYMPUS DIGITAL CAMERA"), so it is left alone.
"""

import re
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from PIL import Image, IptcImagePlugin

TITLE_MAX = 200
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
_RDF_LI = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}li"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_IPTC_OBJECT_NAME = (2, 5)
_EXIF_XP_TITLE = 0x9C9B
_SEPARATORS = re.compile(r"[\s_\-.+]+")


def embedded_title(image: Image.Image) -> str:
    """The title the file carries, cleaned; "" when it has none (or none we can read)."""
    for read in (_xmp_title, _iptc_title, _exif_title):
        title = _clean(read(image))
        if title:
            return title
    return ""


def readable_file_name(filename: str) -> str:
    """ "berlin_evening-at-the.spree.JPG" → "Berlin evening at the spree"."""
    stem = filename.rsplit(".", 1)[0] if "." in filename.lstrip(".") else filename
    words = _SEPARATORS.sub(" ", stem).strip()
    return _clean(words[:1].upper() + words[1:])


def _xmp_title(image: Image.Image) -> str:
    raw = image.info.get("xmp")
    if not raw:
        return ""
    try:
        root = fromstring(raw.rstrip(b"\x00 ") if isinstance(raw, bytes) else raw)
    except (ParseError, DefusedXmlException, ValueError):
        return ""
    title = root.find(f".//{_DC_TITLE}")
    if title is None:
        return ""
    items = title.findall(f".//{_RDF_LI}")
    default = [li for li in items if li.get(_XML_LANG) == "x-default"]
    chosen = (default or items or [title])[0]
    return chosen.text or ""


def _iptc_title(image: Image.Image) -> str:
    try:
        info = IptcImagePlugin.getiptcinfo(image) or {}
    except (OSError, SyntaxError, ValueError, IndexError):
        return ""
    value = info.get(_IPTC_OBJECT_NAME)
    if isinstance(value, list):
        value = value[0] if value else b""
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else ""


def _exif_title(image: Image.Image) -> str:
    value = image.getexif().get(_EXIF_XP_TITLE)
    if isinstance(value, tuple):  # some writers store the UCS-2 bytes as a tuple of ints
        value = bytes(value)
    if isinstance(value, bytes):
        return value.decode("utf-16-le", "replace")
    return value if isinstance(value, str) else ""


def _clean(value: str) -> str:
    """One printable line of at most TITLE_MAX characters."""
    text = "".join(c if c.isprintable() else " " for c in value.replace("\x00", ""))
    return " ".join(text.split())[:TITLE_MAX].strip()

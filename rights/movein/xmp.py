"""The facts a photo's XMP packet (a sidecar `photo.jpg.xmp` / `photo.xmp`, or the
packet embedded in the file) or its IPTC record (IIM) holds, as Lightroom, darktable
and digiKam write them: title (dc:title), description (dc:description), keywords
(dc:subject, or the leaves of lr:hierarchicalSubject), licence (xmpRights:WebStatement
or cc:license: a licence's URL) and date taken (exif:DateTimeOriginal,
photoshop:DateCreated, xmp:CreateDate). Properties may be attributes of
rdf:Description or elements; rdf:Alt, rdf:Bag and rdf:Seq are read.

XMP is untrusted input: it is parsed with defusedxml, which refuses any DOCTYPE
(entity declarations: the "billion laughs", external entities); such a packet is
reported as unreadable and its data left out."""

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import UTC, datetime

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from photos.licences import LICENCES

RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
DC = "{http://purl.org/dc/elements/1.1/}"
LR = "{http://ns.adobe.com/lightroom/1.0/}"
RIGHTS = "{http://ns.adobe.com/xap/1.0/rights/}"
CC = "{http://creativecommons.org/ns#}"
EXIF = "{http://ns.adobe.com/exif/1.0/}"
PHOTOSHOP = "{http://ns.adobe.com/photoshop/1.0/}"
XMP = "{http://ns.adobe.com/xap/1.0/}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MAX_XMP = 4 * 1024 * 1024


@dataclass
class Facts:
    title: str = ""
    description: str = ""
    keywords: list[str] = field(default_factory=list)
    licence_url: str = ""
    taken_at: datetime | None = None
    unreadable: bool = False

    def merge(self, other: "Facts") -> "Facts":
        """Self's facts, other's where self has none (a sidecar wins over the file)."""
        return Facts(
            title=self.title or other.title,
            description=self.description or other.description,
            keywords=self.keywords or other.keywords,
            licence_url=self.licence_url or other.licence_url,
            taken_at=self.taken_at or other.taken_at,
            unreadable=self.unreadable or other.unreadable,
        )


def read_xmp(data: bytes) -> Facts:
    if len(data) > MAX_XMP:
        return Facts(unreadable=True)
    start, end = data.find(b"<x:xmpmeta"), data.rfind(b"</x:xmpmeta>")
    if start >= 0 and end > start:
        data = data[start : end + len(b"</x:xmpmeta>")]
    try:
        root = fromstring(data, forbid_dtd=True)
    except (ET.ParseError, DefusedXmlException):
        return Facts(unreadable=True)
    descriptions = list(root.iter(f"{RDF}Description"))
    keywords = _values(descriptions, f"{DC}subject")
    if not keywords:
        paths = _values(descriptions, f"{LR}hierarchicalSubject")
        keywords = [p.split("|")[-1].strip() for p in paths]
    return Facts(
        title=_first(descriptions, f"{DC}title"),
        description=_first(descriptions, f"{DC}description"),
        keywords=list(dict.fromkeys(k for k in keywords if k)),
        licence_url=_first(descriptions, f"{RIGHTS}WebStatement")
        or _first(descriptions, f"{CC}license"),
        taken_at=moment(
            _first(descriptions, f"{EXIF}DateTimeOriginal")
            or _first(descriptions, f"{PHOTOSHOP}DateCreated")
            or _first(descriptions, f"{XMP}CreateDate")
        ),
    )


def _values(descriptions: list[ET.Element], name: str) -> list[str]:
    """Every value of a property: an attribute, an element's text or resource, or the
    items of its rdf:Alt/Bag/Seq (x-default first)."""
    found: list[str] = []
    for description in descriptions:
        if name in description.attrib:
            found.append(description.attrib[name])
        for element in description.iter(name):
            items = [li for li in element.iter(f"{RDF}li")]
            items.sort(key=lambda li: li.get(XML_LANG) != "x-default")
            if items:
                found += [(li.text or "").strip() for li in items]
            elif element.get(f"{RDF}resource"):
                found.append(element.get(f"{RDF}resource"))
            elif (element.text or "").strip():
                found.append(element.text.strip())
    return [value.strip() for value in found if value and value.strip()]


def _first(descriptions: list[ET.Element], name: str) -> str:
    values = _values(descriptions, name)
    return values[0] if values else ""


def moment(value: str) -> datetime | None:
    """An XMP (ISO 8601) or EXIF ("2021:07:04 18:30:00") date; without a zone: UTC."""
    text = (value or "").strip()
    if len(text) >= 10 and text[4] == ":" and text[7] == ":":
        text = f"{text[:4]}-{text[5:7]}-{text[8:]}"
    try:
        taken = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return taken if taken.tzinfo else taken.replace(tzinfo=UTC)


def _plain(url: str) -> str:
    url = url.strip().lower().split("#", 1)[0].split("?", 1)[0]
    url = url.removeprefix("https://").removeprefix("http://").removeprefix("www.")
    for tail in ("legalcode", "deed.en", "deed"):
        url = url.rstrip("/").removesuffix(tail)
    if "/deed." in url:
        url = url.split("/deed.", 1)[0]
    return url.rstrip("/")


BY_URL = {_plain(lic.url): lic.code for lic in LICENCES.values() if lic.url}


def licence_code(url: str) -> str | None:
    """Candid's licence for a licence URL, None when it names none of them."""
    return BY_URL.get(_plain(url)) if url else None


IPTC_TITLE, IPTC_KEYWORDS, IPTC_DATE, IPTC_CAPTION = (2, 5), (2, 25), (2, 55), (2, 120)


def read_iptc(record: dict | None) -> Facts:
    """Pillow's IPTC record (PIL.IptcImagePlugin.getiptcinfo) as facts."""
    if not record:
        return Facts()

    def text(key) -> list[str]:
        value = record.get(key)
        values = value if isinstance(value, list) else [value] if value else []
        return [v.decode("utf-8", "replace").strip() for v in values if isinstance(v, bytes)]

    date = text(IPTC_DATE)
    return Facts(
        title=(text(IPTC_TITLE) or [""])[0],
        description=(text(IPTC_CAPTION) or [""])[0],
        keywords=[k for k in text(IPTC_KEYWORDS) if k],
        taken_at=moment(f"{date[0][:4]}-{date[0][4:6]}-{date[0][6:8]}") if date else None,
    )

"""Flickr's photo fields read liberally, and mapped to Candid's: licence names in long and
short form, privacy, dates with Flickr's sentinels, geo in millionths of a degree."""

import re
from datetime import UTC, datetime

LICENCES = {
    "all rights reserved": "arr",
    "no known copyright restrictions": "nkcr",
    "united states government work": "usgov",
    "public domain dedication (cc0)": "cc0",
    "cc0": "cc0",
    "cc0 1.0": "cc0",
    "public domain mark": "pdm",
    "public domain mark 1.0": "pdm",
    "public domain work": "pdm",
}
ELEMENTS = {
    "by": "by",
    "by-sa": "by-sa",
    "by-nd": "by-nd",
    "by-nc": "by-nc",
    "by-nc-sa": "by-nc-sa",
    "by-nc-nd": "by-nc-nd",
}
_LONG = {
    "attribution": "by",
    "sharealike": "sa",
    "share-alike": "sa",
    "noncommercial": "nc",
    "non-commercial": "nc",
    "noderivs": "nd",
    "noderivatives": "nd",
    "no-derivs": "nd",
}
_VERSION = re.compile(r"\b([1-4])\.0\b")
_SHORT = re.compile(r"^cc[ -]?(by(?:-(?:nc|sa|nd))*)(?:\s+([0-9.]+))?(?:\s+\w+)?$")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?")


def licence_code(name) -> str | None:
    """Candid's code for a Flickr licence name, or None when it is unknown. Long names
    without a version ("Attribution-NonCommercial-ShareAlike License") are the 2.0
    licences Flickr offered until June 2025; short names carry theirs ("CC BY-SA 4.0")."""
    if not isinstance(name, str) or not name.strip():
        return None
    text = " ".join(name.strip().lower().split())
    if text in LICENCES:
        return LICENCES[text]
    short = _SHORT.match(text)
    if short:
        elements, version = short.group(1), short.group(2) or "4.0"
    elif text.startswith("attribution"):
        words = re.split(r"[\s-]+", text.replace(" license", "").replace(" licence", ""))
        found = [_LONG[w] for w in words if w in _LONG]
        order = [e for e in ("by", "nc", "sa", "nd") if e in found]
        elements = "-".join(order)
        match = _VERSION.search(text)
        version = match.group(0) if match else "2.0"
    else:
        return None
    if elements not in ELEMENTS:
        return None
    if version == "4.0":
        return f"cc-{elements}"
    if version == "2.0":
        return f"cc-{elements}-2.0"
    return None


def visibility(privacy) -> str:
    """Public stays public; everything else ("friends & family", "friends", "family",
    "private", unknown) becomes private: Candid's "followers" is anyone who follows, wider
    than a Flickr contact list, and an import never makes a photo more public."""
    return "public" if str(privacy or "").strip().lower() == "public" else "private"


def moment(value) -> datetime | None:
    """`YYYY-MM-DD HH:MM:SS` (read as UTC), a Unix timestamp, or None for missing values
    and Flickr's sentinels (`0000-00-00 00:00:00`, a year 0, month 0)."""
    if value in (None, "", 0, "0"):
        return None
    text = str(value).strip()
    if text.isdigit():
        try:
            return datetime.fromtimestamp(int(text), tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
    match = _DATE.match(text)
    if not match:
        return None
    parts = [int(p) if p else 0 for p in match.groups()]
    try:
        return datetime(*parts, tzinfo=UTC) if parts[0] >= 1 else None
    except ValueError:
        return None


def coordinates(geo) -> tuple[float | None, float | None]:
    """`geo` as a list of one object, a bare object, or empty; values as strings or
    numbers, in degrees or in millionths of a degree (integers)."""
    if isinstance(geo, list):
        geo = geo[0] if geo else None
    if not isinstance(geo, dict):
        return None, None
    latitude, longitude = _degrees(geo.get("latitude")), _degrees(geo.get("longitude"))
    if latitude is None or longitude is None or (latitude == 0 and longitude == 0):
        return None, None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None, None
    return latitude, longitude


def _degrees(value) -> float | None:
    if value in (None, ""):
        return None
    text = str(value).strip()
    try:
        number = float(text)
    except ValueError:
        return None
    if "." not in text and "e" not in text.lower() and abs(number) > 180:
        return number / 1_000_000
    return number


def tag_names(tags) -> list[str]:
    """Tags as `{"tag": …}` objects, plain strings, or one space-separated string."""
    if isinstance(tags, str):
        return tags.split()
    names = []
    for tag in tags if isinstance(tags, list) else []:
        value = tag.get("tag") or tag.get("raw") if isinstance(tag, dict) else tag
        if isinstance(value, str | int) and str(value).strip():
            names.append(str(value).strip())
    return names


def text(value, limit: int) -> str:
    return str(value).strip()[:limit] if isinstance(value, str | int | float) else ""


def photo_id(value) -> int | None:
    text_value = str(value or "").strip()
    return int(text_value) if text_value.isdigit() and len(text_value) < 19 else None

"""The NetzDG offence a notice cites, normalised for the public log and the half-year report.

NetzDG §1(3) lists the criminal-code (StGB) sections that make content "unlawful" for the
Act. A notice's `law` field is free text; only a recognised section number of that list
is published (e.g. "StGB §185"), never the notifier's words, so the public event holds no
personal data. Anything else is reported as "other".
"""

import re

NETZDG_SECTIONS = {
    "86", "86a", "89a", "91", "100a", "111", "126", "129", "129a", "129b", "130", "131",
    "140", "166", "184b", "184d", "185", "186", "187", "189", "201a", "241", "269",
}  # fmt: skip
OTHER = "other"
_SECTION = re.compile(r"§+\s*(\d+\s*[a-z]?)\b", re.IGNORECASE)


def offence_of(law: str) -> str:
    """The cited NetzDG-listed StGB section as "StGB §185", else "other"."""
    text = law or ""
    if "stgb" not in text.lower() and "strafgesetzbuch" not in text.lower():
        return OTHER
    for match in _SECTION.finditer(text):
        section = match.group(1).replace(" ", "").lower()
        if section in NETZDG_SECTIONS:
            return f"StGB §{section}"
    return OTHER

"""The one check every piece of text from outside passes: web forms (web.forms), the API's
schemas and parameters (api.schemas.text) and every URL (web.middleware.RefuseControlCharacters).

Control characters (C0, except tab, line feed and carriage return) have no place in a title,
a comment or a search: PostgreSQL refuses a NUL in any text column or query parameter (a
server error before this check), and the others can hide or corrupt text shown to others.
Names and titles must also show something: a name made only of zero-width or blank
characters would look empty to everyone else.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# The same rule for the OpenAPI document (an ECMA-262 pattern), so clients and fuzzers know it.
PLAIN_TEXT_PATTERN = r"^[^\u0000-\u0008\u000B\u000C\u000E-\u001F]*$"
CONTROL_CHARACTER_CODE = "control_character"
INVISIBLE_CODE = "invisible"

# Format, separator, control and combining characters show nothing on their own; these
# letters and symbols are blank too (Hangul fillers, the blank Braille pattern).
INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me"})
BLANK_CHARACTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def control_character_in(value: str) -> str | None:
    """The first control character in `value` as "U+0000", or None."""
    found = CONTROL_CHARACTER.search(value)
    return f"U+{ord(found.group()):04X}" if found else None


def control_character_message(code_point: str) -> str:
    return _("Contains the control character %(code_point)s, which is not allowed in text.") % {
        "code_point": code_point
    }


def reject_control_characters(value) -> None:
    """A Django validator; also called for the API's text (api.schemas.text)."""
    if not isinstance(value, str):
        return
    code_point = control_character_in(value)
    if code_point:
        raise ValidationError(control_character_message(code_point), code=CONTROL_CHARACTER_CODE)


def is_invisible(value: str) -> bool:
    """True for text that is not empty but would show as nothing: only blanks, zero-width
    and other format characters, or combining marks without a letter to sit on."""
    return bool(value) and all(
        unicodedata.category(c) in INVISIBLE_CATEGORIES or c in BLANK_CHARACTERS for c in value
    )


def invisible_message() -> str:
    return _(
        "Contains only invisible characters (blanks or zero-width characters): "
        "write something that can be seen."
    )


def reject_invisible(value) -> None:
    """A Django validator for names and titles; whitespace-only is left to `required`."""
    if isinstance(value, str) and value.strip() and is_invisible(value):
        raise ValidationError(invisible_message(), code=INVISIBLE_CODE)

"""The countries offered on the report form's country field (a <datalist>: a suggestion,
still typeable). The member states of the EU and the EEA first, whose laws the DSA's
notices most often name, then other countries often cited; any other two-letter ISO code
can be typed."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

COUNTRIES = [
    ("AT", _("Austria")),
    ("BE", _("Belgium")),
    ("BG", _("Bulgaria")),
    ("HR", _("Croatia")),
    ("CY", _("Cyprus")),
    ("CZ", _("Czechia")),
    ("DK", _("Denmark")),
    ("EE", _("Estonia")),
    ("FI", _("Finland")),
    ("FR", _("France")),
    ("DE", _("Germany")),
    ("GR", _("Greece")),
    ("HU", _("Hungary")),
    ("IE", _("Ireland")),
    ("IT", _("Italy")),
    ("LV", _("Latvia")),
    ("LT", _("Lithuania")),
    ("LU", _("Luxembourg")),
    ("MT", _("Malta")),
    ("NL", _("Netherlands")),
    ("PL", _("Poland")),
    ("PT", _("Portugal")),
    ("RO", _("Romania")),
    ("SK", _("Slovakia")),
    ("SI", _("Slovenia")),
    ("ES", _("Spain")),
    ("SE", _("Sweden")),
    ("IS", _("Iceland")),
    ("LI", _("Liechtenstein")),
    ("NO", _("Norway")),
    ("CH", _("Switzerland")),
    ("GB", _("United Kingdom")),
    ("UA", _("Ukraine")),
    ("TR", pgettext_lazy("country", "Turkey")),
    ("US", _("United States")),
    ("CA", _("Canada")),
    ("AU", _("Australia")),
    ("JP", _("Japan")),
    ("BR", _("Brazil")),
    ("IN", _("India")),
]


def countries_sorted() -> list[tuple[str, str]]:
    """By name in the reader's language."""
    return sorted(((code, str(name)) for code, name in COUNTRIES), key=lambda row: row[1])

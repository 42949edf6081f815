"""The EU member states and their official EU languages (ISO 3166-1 / ISO 639-1), which
decide the NetzDG § 5 agent, the DSA Art. 13 legal representative and the Art. 11(3)
language of the point of contact for authorities."""

EU_LANGUAGES: dict[str, tuple[str, ...]] = {
    "AT": ("de",),
    "BE": ("nl", "fr", "de"),
    "BG": ("bg",),
    "CY": ("el",),
    "CZ": ("cs",),
    "DE": ("de",),
    "DK": ("da",),
    "EE": ("et",),
    "ES": ("es",),
    "FI": ("fi", "sv"),
    "FR": ("fr",),
    "GR": ("el",),
    "HR": ("hr",),
    "HU": ("hu",),
    "IE": ("en", "ga"),
    "IT": ("it",),
    "LT": ("lt",),
    "LU": ("fr", "de"),
    "LV": ("lv",),
    "MT": ("mt", "en"),
    "NL": ("nl",),
    "PL": ("pl",),
    "PT": ("pt",),
    "RO": ("ro",),
    "SE": ("sv",),
    "SI": ("sl",),
    "SK": ("sk",),
}
EU_MEMBER_STATES = frozenset(EU_LANGUAGES)
EUROPOL = "EU"  # Art. 18(2): no member state identifiable

"""German dates as Duden writes them ("7. Dezember 2026, 14:05 MEZ" style, the zone as the
system names it)."""

DATE_FORMAT = "j. F Y"
DATETIME_FORMAT = "j. F Y, H:i T"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y, H:i"
TIME_FORMAT = "H:i"

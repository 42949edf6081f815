"""English dates as a photo site writes them ("7 December 2026, 14:05 CET"): day first and a
24-hour clock, so the English and German pages differ only in words. Time zone named, since
members may choose their own."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i T"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
TIME_FORMAT = "H:i"

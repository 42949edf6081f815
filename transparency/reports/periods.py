"""Report periods: "2026" (the calendar year), "2026-H1" (1 Jan–30 Jun), "2026-H2" (1 Jul–31 Dec).

The DSA report is by calendar year (Implementing Regulation (EU) 2024/2835: data in its
templates from 1 July 2025, published within two months after the year ends). Half-years
remain for the historical NetzDG report (§ 2 NetzDG was half-yearly) and for the
half-yearly cadence the Regulation sets for very large platforms.

Boundaries are in UTC and half-open: an event at 2026-06-30 23:59:59 belongs to H1,
one at 2026-07-01 00:00:00 to H2.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta


class PeriodError(ValueError):
    pass


@dataclass(frozen=True)
class Period:
    code: str
    start: datetime
    end: datetime

    @property
    def last_day(self):
        return (self.end - timedelta(days=1)).date()

    @property
    def template_range(self) -> str:
        """The "YYYY-MM-DD/YYYY-MM-DD" form of IR 2024/2835's report files."""
        return f"{self.start.date().isoformat()}/{self.last_day.isoformat()}"


def period_parse(code: str, *, half_year_only: bool = False) -> Period:
    match = re.fullmatch(r"(\d{4})(?:-H([12]))?", (code or "").strip().upper())
    if not match or not 2000 <= int(match.group(1)) <= 2100:
        raise PeriodError(f"“{code}” is not a report period: use e.g. 2026-H1, 2026-H2 or 2026.")
    year, half = int(match.group(1)), match.group(2)
    if half is None:
        if half_year_only:
            raise PeriodError("A NetzDG report covers a half-year: use e.g. 2026-H1 or 2026-H2.")
        return Period(str(year), _at(year, 1), _at(year + 1, 1))
    if half == "1":
        return Period(f"{year}-H1", _at(year, 1), _at(year, 7))
    return Period(f"{year}-H2", _at(year, 7), _at(year + 1, 1))


def _at(year: int, month: int) -> datetime:
    return datetime(year, month, 1, tzinfo=UTC)

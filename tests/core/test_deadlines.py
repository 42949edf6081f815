"""Legal periods in calendar months (Regulation 1182/71 Art. 3, as core/deadlines.py says):
six months to appeal (DSA Art. 20(1)), one month to answer a data-subject request (GDPR
Art. 12(3)). Hours, days and weeks stay exact durations."""

from calendar import monthrange
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from core.deadlines import deadline

BERLIN = ZoneInfo("Europe/Berlin")
RULES = [("appeal_window", 6), ("gdpr_request", 1)]


def end_of(day: date, zone=UTC) -> datetime:
    return datetime.combine(day, time.max, tzinfo=zone).astimezone(UTC)


def same_date_months_later(day: date, months: int) -> date:
    """Written out without relativedelta: the same date, or the month's last day."""
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def test_informed_on_1_march_the_appeal_window_is_open_all_of_1_september():
    informed = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)
    closes = deadline("appeal_window", start=informed)
    assert closes == datetime(2026, 9, 1, 23, 59, 59, 999999, tzinfo=UTC)
    assert datetime(2026, 9, 1, 23, 59, 59, tzinfo=UTC) <= closes
    assert datetime(2026, 9, 2, tzinfo=UTC) > closes


@pytest.mark.parametrize(
    ("kind", "start", "last_day"),
    [
        ("gdpr_request", date(2026, 1, 31), date(2026, 2, 28)),
        ("gdpr_request", date(2028, 1, 31), date(2028, 2, 29)),  # leap year
        ("gdpr_request", date(2026, 1, 28), date(2026, 2, 28)),
        ("gdpr_request", date(2026, 3, 31), date(2026, 4, 30)),
        ("gdpr_request", date(2026, 12, 15), date(2027, 1, 15)),
        ("appeal_window", date(2026, 8, 31), date(2027, 2, 28)),
        ("appeal_window", date(2027, 8, 31), date(2028, 2, 29)),  # leap year
        ("appeal_window", date(2028, 2, 29), date(2028, 8, 29)),
        ("appeal_window", date(2026, 12, 31), date(2027, 6, 30)),
    ],
)
def test_a_month_without_the_same_date_ends_on_its_last_day(kind, start, last_day):
    for moment in (time(0, 0), time(12, 0), time(23, 59, 59)):
        started = datetime.combine(start, moment, tzinfo=UTC)
        assert deadline(kind, start=started) == end_of(last_day)


@pytest.mark.parametrize(("kind", "months"), RULES)
@pytest.mark.parametrize("zone", [UTC, BERLIN], ids=["UTC", "Berlin"])
def test_every_start_day_of_2026_ends_with_the_same_date_months_later(kind, months, zone):
    day = date(2026, 1, 1)
    while day.year == 2026:
        last_day = same_date_months_later(day, months)
        for moment in (time(0, 0), time(9, 30), time(23, 59)):
            started = datetime.combine(day, moment, tzinfo=zone)
            closes = deadline(kind, start=started, zone=zone)
            assert closes == end_of(last_day, zone), (kind, started)
            assert closes.tzinfo == UTC
        day += timedelta(days=1)


def test_the_day_counts_in_the_instances_time_zone_across_dst(settings):
    """Received at 00:30 in Berlin on 29 March 2026 (still 28 March in UTC; the clocks go
    forward that night): the month counts from 29 March and ends with 29 April, 24:00
    summer time. A request in September ends in October after the clocks went back."""
    settings.TIME_ZONE = "Europe/Berlin"
    received = datetime(2026, 3, 28, 23, 30, tzinfo=UTC)
    assert deadline("gdpr_request", start=received) == datetime(
        2026, 4, 29, 21, 59, 59, 999999, tzinfo=UTC
    )
    september = datetime(2026, 9, 29, 12, 0, tzinfo=BERLIN)
    assert deadline("gdpr_request", start=september) == datetime(
        2026, 10, 29, 22, 59, 59, 999999, tzinfo=UTC
    )
    settings.TIME_ZONE = "UTC"
    assert deadline("gdpr_request", start=received) == end_of(date(2026, 4, 28))


def test_a_zone_given_by_the_caller_wins_over_the_instances():
    received = datetime(2026, 1, 31, 23, 30, tzinfo=UTC)  # 1 February in Berlin
    assert deadline("gdpr_request", start=received) == end_of(date(2026, 2, 28))
    berlin = deadline("gdpr_request", start=received, zone=BERLIN)
    assert berlin == end_of(date(2026, 3, 1), BERLIN)


def test_hours_days_and_weeks_stay_exact_durations():
    start = datetime(2026, 3, 28, 22, 15, tzinfo=UTC)
    assert deadline("netzdg_manifestly_illegal", start=start) == start + timedelta(hours=24)
    assert deadline("illegal_content", start=start) == start + timedelta(days=7)
    assert deadline("evidence_retention", start=start) == start + timedelta(weeks=10)
    policy = timedelta(hours=72)
    assert deadline("rules_target", start=start, policy_delta=policy) == start + policy


def test_a_naive_start_is_refused():
    with pytest.raises(ValueError, match="aware"):
        deadline("gdpr_request", start=datetime(2026, 1, 31, 12, 0))

"""NetzDG time buckets (within 24 hours, 48 hours, one week, later) and period
boundaries (half-open, UTC), with the clock held still by time_machine."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from moderation.services.notices import notice_submit
from moderation.services.targets import Target
from transparency.reports.netzdg import netzdg_report
from transparency.reports.periods import PeriodError, period_parse

T0 = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


def file_notice(photo, notifier, at):
    with time_machine.travel(at, tick=False):
        return notice_submit(
            target=Target("photo", photo),
            ground="rules",
            rule_code="harassment",
            explanation="The caption mocks a private person.",
            notifier=notifier,
        )


def table(report, key):
    return next(t for t in report.tables if t.key == key)


@pytest.mark.parametrize(
    "delay, bucket",
    [
        (24 * HOUR, "Within 24 hours"),
        (24 * HOUR + timedelta(seconds=1), "Within 48 hours"),
        (48 * HOUR, "Within 48 hours"),
        (48 * HOUR + timedelta(seconds=1), "Within one week"),
        (7 * 24 * HOUR, "Within one week"),
        (7 * 24 * HOUR + timedelta(seconds=1), "Later"),
    ],
)
def test_removal_falls_in_the_first_bucket_it_fits(alice, bob, upload, decide, delay, bucket):
    with time_machine.travel(T0 - HOUR, tick=False):
        photo = upload(alice)
    notice = file_notice(photo, bob, T0)
    with time_machine.travel(T0 + delay, tick=False):
        decide(notice.case)
    times = table(netzdg_report("2026-H1"), "time_to_removal")
    total = times.rows[-1]
    counts = dict(zip(times.columns[2:6], total[2:6], strict=True))
    assert counts == {name: int(name == bucket) for name in counts}
    assert total[6] == 1


def test_notices_are_counted_in_the_half_year_of_their_receipt(alice, bob, upload, decide):
    with time_machine.travel(datetime(2026, 6, 1, tzinfo=UTC), tick=False):
        first, second = upload(alice), upload(alice)
    last_of_h1 = file_notice(first, bob, datetime(2026, 6, 30, 23, 59, 59, tzinfo=UTC))
    file_notice(second, bob, datetime(2026, 7, 1, 0, 0, 0, tzinfo=UTC))
    with time_machine.travel(datetime(2026, 7, 1, 12, tzinfo=UTC), tick=False):
        decide(last_of_h1.case)
    h1, h2 = netzdg_report("2026-H1"), netzdg_report("2026-H2")
    assert (h1.received, h2.received) == (1, 1)
    # The H1 notice decided in July still counts as removed, in H1, within 24 hours.
    assert table(h1, "by_channel").rows[-1][1:3] == [1, 1]
    assert table(h1, "time_to_removal").rows[-1][2] == 1
    assert table(h2, "by_channel").rows[-1][1:] == [1, 0, 0, 0, 1]
    assert netzdg_report("2026-H2").received == 1 and netzdg_report("2025-H2").received == 0


def test_period_codes_are_parsed_and_bad_ones_refused():
    h2 = period_parse("2026-h2")
    assert (h2.start, h2.end) == (
        datetime(2026, 7, 1, tzinfo=UTC),
        datetime(2027, 1, 1, tzinfo=UTC),
    )
    assert period_parse("2026").template_range == "2026-01-01/2026-12-31"
    for bad in ("2026-H3", "26-H1", "2026-Q1", "", "1999"):
        with pytest.raises(PeriodError):
            period_parse(bad)
    with pytest.raises(PeriodError, match="half-year"):
        netzdg_report("2026")

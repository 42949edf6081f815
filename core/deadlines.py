"""The one function that computes legal and policy deadlines, always in aware UTC.

- NetzDG §3(2) no. 2: manifestly unlawful content, 24 hours from receipt of the complaint.
- NetzDG §3(2) no. 3: other unlawful content, 7 days from receipt.
- DSA Art. 20(1): complaints against a decision, at least six months from the day the
  person was informed of it.
- Evidence retention: removed content is kept as evidence for ten weeks. Candid's policy
  since the DDG repealed NetzDG §3(2) no. 4 (which required it) on 14 May 2024.
- GDPR Art. 12(3): answer a data-subject request within one month of receipt.

Periods in hours, days and weeks are exact durations. Periods in months are calendar
months, counted as Regulation (EEC, Euratom) No 1182/71 counts them for EU law (Art. 3(1),
3(2)(c); the EDPB applies it to GDPR Art. 12(3) in its Guidelines 01/2022 on the right of
access): the day of the event does not count, and the period ends with the last hour of
the day in the last month that has the same date as the day of the event, or of that
month's last day if it has no such date. Informed on 1 March, the appeal window is open
until the end of 1 September; a request received on 31 January is due by the end of 28
(in a leap year 29) February. The returned instant is the period's last microsecond, so
"open" means `now <= deadline`. The days are those of a calendar in `zone`: a member's
time zone where one is known, otherwise the instance's (settings.TIME_ZONE; Candid has no
member time-zone setting yet). Art. 3(4)'s move of a period ending on a holiday or
weekend to the next working day is not applied: every deadline here is either ours to
meet (earlier is lawful) or a minimum we grant (six months is that minimum).
"""

from datetime import UTC, datetime, time, timedelta, tzinfo

from dateutil.relativedelta import relativedelta
from django.utils import timezone

FIXED = {
    "netzdg_manifestly_illegal": timedelta(hours=24),
    "illegal_content": timedelta(days=7),
    "evidence_retention": timedelta(weeks=10),
}
MONTHS = {
    "appeal_window": 6,
    "gdpr_request": 1,
}


def deadline(
    kind: str,
    *,
    start: datetime,
    policy_delta: timedelta | None = None,
    zone: tzinfo | None = None,
) -> datetime:
    """`policy_delta` serves deadlines an operator sets (e.g. the community-rules target);
    `zone` is the calendar a period in months is counted in (see the module's docstring)."""
    if timezone.is_naive(start):
        raise ValueError("deadline() needs an aware datetime")
    if policy_delta is not None:
        return (start + policy_delta).astimezone(UTC)
    if kind in MONTHS:
        return months_end(start, MONTHS[kind], zone=zone)
    return (start + FIXED[kind]).astimezone(UTC)


def months_end(start: datetime, months: int, *, zone: tzinfo | None = None) -> datetime:
    """The last instant of a period of `months` calendar months from the event at `start`
    (Regulation 1182/71 Art. 3(2)(c)): the end of the day with the same date `months`
    later in `zone`, or of that month's last day. relativedelta clamps 31 January + 1 month
    to the last day of February, which is the rule. `fold=1` takes the later of two
    23:59s where a clock is set back at midnight."""
    zone = zone or timezone.get_default_timezone()
    last_day = start.astimezone(zone).date() + relativedelta(months=months)
    return datetime.combine(last_day, time.max, tzinfo=zone).replace(fold=1).astimezone(UTC)

"""Helpers for the rate-limit tests: limits on, the clock held still (so that N requests
never straddle two of django-ratelimit's fixed windows), and the Retry-After a refused
request must carry, worked out independently of django-ratelimit's code."""

import time
import zlib
from datetime import UTC, datetime

import pytest

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@pytest.fixture
def limits_on(settings, time_machine):
    settings.RATELIMIT_ENABLE = True
    time_machine.move_to(datetime.now(UTC), tick=False)  # held still during the test
    return settings


def limit_of(rate: str) -> tuple[int, int]:
    """ "20/h" -> (20, 3600)."""
    count, unit = rate.split("/")
    return int(count), PERIODS[unit]


def seconds_left(key_value: str, rate: str) -> int:
    """Each key's window of `period` seconds ends at the offset crc32(key) % period past
    every multiple of the period (django-ratelimit staggers windows this way)."""
    _count, period = limit_of(rate)
    now = int(time.time())
    return max(1, (zlib.crc32(key_value.encode()) % period - now % period) % period)


def assert_refused(response, key_value: str, rate: str, message: str) -> None:
    """429, Retry-After = the seconds until this key's window resets, and the message."""
    assert response.status_code == 429, response.status_code
    assert int(response["Retry-After"]) == seconds_left(key_value, rate)
    body = response.json()["detail"] if "json" in response["Content-Type"] else response.text
    assert message in body, body

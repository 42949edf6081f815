"""Scheduled work of the rights app, run by `manage.py rights_upkeep` or the
`rights_upkeep_task` (cron or the task worker, e.g. hourly)."""

from django.utils import timezone

from rights.services.erasure import erasures_due
from rights.services.exports import exports_expire


def rights_upkeep(*, now=None) -> dict[str, int]:
    now = now or timezone.now()
    return {"exports_expired": exports_expire(now=now), "erasures_run": erasures_due(now=now)}

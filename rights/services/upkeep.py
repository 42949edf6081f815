"""Scheduled work of the rights app, run by `manage.py rights_upkeep` or the
`rights_upkeep_task` (cron or the task worker, e.g. hourly). It starts by reclaiming
jobs whose worker died (core.leases), so none stays "building" or "running", and ends
by deleting files that a killed process stored without a row (`media_sweep`)."""

from django.utils import timezone

from core.leases import reclaim_stale_jobs
from rights.services.erasure import erasures_due
from rights.services.exports import exports_expire
from rights.services.media import media_sweep
from rights.services.movein_uploads import uploads_sweep


def rights_upkeep(*, now=None) -> dict[str, int]:
    now = now or timezone.now()
    reclaimed = sum(reclaim_stale_jobs(now=now).values())
    return {
        "jobs_reclaimed": reclaimed,
        "exports_expired": exports_expire(now=now),
        "erasures_run": erasures_due(now=now),
        "orphans_swept": media_sweep(now=now),
        "move_in_uploads_swept": uploads_sweep(now=now),
    }

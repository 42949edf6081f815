"""Leases for long jobs, so that no job stays "running" after its worker died.

A job row (an export, an import, …) inherits `Leased`. The worker that starts the job
takes the lease (`lease_take`, in the same transaction that moves the row into its
running state) and renews it while it works (`Heartbeat.beat`, at most once every third
of the lease). A worker killed by kill -9, an out-of-memory kill or a lost machine
stops renewing, and once `lease_until` has passed the row is stale: `reclaim_stale_jobs`
hands it to the reclaimer its app registered, which re-runs the job or marks it failed
with a message the user sees. A worker that finds its lease taken from it (the row was
reclaimed, or its owner's account erased meanwhile) stops with `LeaseLost` and cleans
up after itself.

The reclaim step runs in every app's upkeep command (`rights_upkeep`, …), at the start
of `manage.py worker`, and for one user before they ask for a new job, so the user can
always start a new one. Jobs that run in one database transaction (erasure, release
builds) need no lease: a killed one leaves nothing behind to reclaim.
"""

import os
import secrets
import socket
from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

RECLAIMERS: dict[str, Callable[..., int]] = {}


class LeaseLost(Exception):
    """The job's row no longer carries this worker's lease: stop and clean up."""


class Leased(models.Model):
    lease_owner = models.CharField(max_length=64, blank=True, help_text="Worker holding it")
    lease_until = models.DateTimeField(null=True, blank=True, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True


def lease_seconds() -> int:
    return settings.CANDID_JOB_LEASE_SECONDS


def lease_take(row: Leased, *, now: datetime | None = None) -> str:
    """Marks `row` as held by this process (the caller saves it in its transaction)."""
    owner = f"{socket.gethostname()[:30]}:{os.getpid()}:{secrets.token_hex(4)}"
    row.lease_owner = owner
    row.lease_until = (now or timezone.now()) + timedelta(seconds=lease_seconds())
    row.attempts += 1
    return owner


def lease_clear(row: Leased) -> None:
    row.lease_owner, row.lease_until = "", None


def stale(queryset: models.QuerySet, *, now: datetime | None = None) -> models.QuerySet:
    return queryset.filter(lease_until__lt=now or timezone.now())


class Heartbeat:
    """Renews one row's lease while its job runs; `beat()` may be called as often as
    convenient (every archive entry, every item) and writes at most every third of the
    lease. Raises `LeaseLost` once the row is no longer this worker's."""

    def __init__(self, model: type[Leased], pk: int, owner: str):
        self.rows = model.objects.filter(pk=pk, lease_owner=owner)
        self.next_at = timezone.now()

    def beat(self) -> None:
        now = timezone.now()
        if now < self.next_at:
            return
        until = now + timedelta(seconds=lease_seconds())
        if not self.rows.update(lease_until=until):
            raise LeaseLost()
        self.next_at = now + timedelta(seconds=lease_seconds() / 3)


def task_rows_fail(*, task_path: str, args: list) -> int:
    """django-tasks-db keeps the row of a task whose worker died "RUNNING" for ever: when
    a job is reclaimed, its task row is failed too, so no task looks stuck either."""
    from django_tasks_db.models import DBTaskResult, TaskResultStatus

    rows = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, task_path=task_path, args_kwargs__args=args
    )
    for row in rows:
        row.set_failed(LeaseLost("The worker running this task died; the job was reclaimed."))
    return len(rows)


def reclaimer(kind: str) -> Callable:
    """Registers `fn(*, now, user=None) -> int` as the reclaim step of one job kind."""

    def register(fn: Callable[..., int]) -> Callable[..., int]:
        RECLAIMERS[kind] = fn
        return fn

    return register


def reclaim_stale_jobs(*, now: datetime | None = None, user=None) -> dict[str, int]:
    """Runs every registered reclaimer; `user` limits them to one user's jobs."""
    now = now or timezone.now()
    return {kind: fn(now=now, user=user) for kind, fn in sorted(RECLAIMERS.items())}

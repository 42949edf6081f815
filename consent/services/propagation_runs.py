"""Propagating a withdrawal runs in the task worker, not in the request.

The request that withdraws (or deletes photos, or approves a depicted person's exclusion)
records the change and, in the same transaction, a `Propagation` row naming the photos;
the task `consent.tasks.propagation_run_task` is enqueued after commit. The worker runs
the withdrawal hooks (consent.services.hooks.WITHDRAWAL_HOOKS: deletion notices to every
licensee of an earlier release, consent.services.propagation) over the photos in steps of
CANDID_PROPAGATION_STEP. Each step commits its notices, their mail and the new progress
figure in one transaction, under the run's lease (core.leases), so:

- the member sees "412 of 8,000 photos checked" on the page that started it;
- a worker killed mid-run (kill -9) leaves the lease to run out; the reclaim step puts
  the run back in the queue and the next worker resumes after the last committed step;
- a step is never committed twice (the lease is checked in the step's transaction) and a
  notice is never sent twice (DeletionNoticeItem's unique constraint and the check in
  `_notice_send`).

With the embedded default (in-process tasks) the task runs at once after commit, as the
hooks did before."""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from accounts.models import User
from consent.models import Propagation
from consent.services import hooks
from consent.states.propagation import PROPAGATION
from core.events import event_record
from core.faults import pause_point
from core.leases import (
    Heartbeat,
    LeaseLost,
    lease_clear,
    lease_seconds,
    lease_take,
    reclaimer,
    stale,
    task_rows_fail,
)
from core.tasks import task_enqueue

RUN_TASK = "consent.tasks.propagation_run_task"
MAX_ATTEMPTS = 5
LIVE = ("queued", "running")
log = logging.getLogger(__name__)
FAILED = gettext_noop(
    "Telling the dataset licensees could not be finished. Candid checks every release "
    "again regularly and sends the missing deletion notices then."
)


def propagation_enqueue(
    *, photo_ids: list[int], purposes: list[str], user: User | None = None
) -> Propagation | None:
    """Called inside the transaction that withdrew consent: the row commits with it, and
    the task is enqueued after commit. The lease set here lets a lost enqueue be redone."""
    ids = sorted(set(photo_ids))
    if not ids:
        return None
    now = timezone.now()
    run = Propagation.objects.create(
        user=user,
        photo_ids=ids,
        purposes=list(dict.fromkeys(purposes)),
        total=len(ids),
        created_at=now,
        lease_until=now + timedelta(seconds=lease_seconds()),
    )
    event_record(
        kind="consent.propagation_queued",
        subject=run,
        data={"propagation_id": run.pk, "photos": run.total},
    )
    transaction.on_commit(lambda: task_enqueue(RUN_TASK, run.pk))
    return run


def propagation_run(*, propagation_id: int) -> Propagation | None:
    """Runs (or resumes) one propagation; None when another worker holds it or it ended."""
    owner = _start(propagation_id)
    if owner is None:
        return None
    heartbeat = Heartbeat(Propagation, propagation_id, owner)
    try:
        while _step(propagation_id, owner):
            heartbeat.beat()
    except LeaseLost:
        log.warning(
            "Propagation %s was reclaimed while running; left to its new run", propagation_id
        )
        return None
    return _finish(propagation_id, owner)


def _start(propagation_id: int) -> str | None:
    with transaction.atomic():
        run = Propagation.objects.select_for_update().filter(pk=propagation_id).first()
        if run is None or run.state != "queued":
            return None
        owner = lease_take(run)
        _move(run, "running")
    return owner


def _step(propagation_id: int, owner: str) -> bool:
    """Checks the next CANDID_PROPAGATION_STEP photos and commits their notices with the
    progress; False when every photo has been checked."""
    with transaction.atomic():
        run = _held(propagation_id, owner)
        if run.done >= run.total:
            return False
        chunk = run.photo_ids[run.done : run.done + settings.CANDID_PROPAGATION_STEP]
        for hook in hooks.WITHDRAWAL_HOOKS:
            sent = hook(chunk, run.purposes)
            run.notices += len(sent) if isinstance(sent, list) else 0
        run.done += len(chunk)
        run.save(update_fields=["done", "notices"])
    pause_point("propagation.step")
    return True


def _held(propagation_id: int, owner: str) -> Propagation:
    run = Propagation.objects.select_for_update().get(pk=propagation_id)
    if run.lease_owner != owner or run.state != "running":
        raise LeaseLost()
    return run


def _finish(propagation_id: int, owner: str) -> Propagation:
    with transaction.atomic():
        run = _held(propagation_id, owner)
        _move(run, "completed", finished_at=timezone.now())
    return run


def _move(run: Propagation, target: str, **fields) -> None:
    PROPAGATION.check(run.state, target)
    run.state = target
    for name, value in fields.items():
        setattr(run, name, value)
    if target != "running":
        lease_clear(run)
    run.save()
    event_record(
        kind=f"consent.propagation_{target}",
        subject=run,
        data={"propagation_id": run.pk, "done": run.done, "notices": run.notices},
    )


@reclaimer("consent_propagations")
def propagations_reclaim(*, now: datetime | None = None, user: User | None = None) -> int:
    """Runs whose lease ran out: a worker died mid-run, or the enqueue was lost. Queued
    again to resume after their last committed step, until MAX_ATTEMPTS; then failed
    (the regular sweep in `deletion_reminders` still covers their photos)."""
    now = now or timezone.now()
    due = stale(Propagation.objects.filter(state__in=LIVE), now=now)
    if user is not None:
        due = due.filter(user=user)
    return sum(_reclaim_one(pk, now) for pk in list(due.values_list("pk", flat=True)))


def _reclaim_one(propagation_id: int, now: datetime) -> int:
    with transaction.atomic():
        run = Propagation.objects.select_for_update(skip_locked=True).filter(pk=propagation_id)
        run = run.first()
        if run is None or run.state not in LIVE or not run.lease_until or run.lease_until >= now:
            return 0
        task_rows_fail(task_path=RUN_TASK, args=[propagation_id])
        if run.attempts >= MAX_ATTEMPTS:
            _move(run, "failed", error=FAILED, finished_at=now)
            return 1
        if run.state == "running":
            _move(run, "queued")
        run.lease_until = now + timedelta(seconds=lease_seconds())
        run.save(update_fields=["lease_until"])
        transaction.on_commit(lambda: task_enqueue(RUN_TASK, propagation_id))
    return 1

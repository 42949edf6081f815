# ruff: noqa: F811  (fixtures imported from releases_support)
"""A withdrawal's propagation runs in the task worker: the request only records a
Propagation row and enqueues; the member sees its progress on the page that started it;
a run that died mid-way is reclaimed and resumes without a second notice for a photo."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from consent.models import DeletionNotice, DeletionNoticeItem, Propagation
from consent.services import hooks
from consent.services.consent import consent_withdraw
from consent.services.propagation_runs import MAX_ATTEMPTS, propagations_reclaim
from core.models import OutgoingMail
from tests.consent.releases_support import (  # noqa: F401
    PURPOSE,
    admin,
    consenting,
    dataset,
    download,
    licensee_with,
    published,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def delivered(admin, dataset, consenting):
    photos = [consenting(), consenting(), consenting()]
    release = published(admin, dataset)
    lab, _ = licensee_with(admin, dataset, "Lab One")
    download(lab, release)
    return photos


def notices_items() -> list[int]:
    return sorted(DeletionNoticeItem.objects.values_list("photo_ref", flat=True))


def test_with_in_process_tasks_the_propagation_completes_after_commit(
    alice, delivered, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        consent_withdraw(actor=alice, purposes=[PURPOSE])
    run = Propagation.objects.get()
    assert (run.state, run.done, run.total, run.user) == ("completed", 3, 3, alice)
    assert run.notices == DeletionNotice.objects.count() == 1
    assert notices_items() == sorted(p.pk for p in delivered)


def test_the_request_only_enqueues_and_the_page_shows_the_progress(
    alice, delivered, client, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("consent_withdraw"), {"scope": "account"})
    assert response.status_code == 302
    run = Propagation.objects.get()
    assert run.state == "queued" and not DeletionNotice.objects.exists()
    task = DBTaskResult.objects.get(task_path="consent.tasks.propagation_run_task")
    assert task.status == "READY" and task.args_kwargs["args"] == [run.pk]
    page = client.get(reverse("consent_withdrawals")).content.decode()
    assert "0 of 3 photos checked" in page and 'http-equiv="refresh"' in page
    german = client.get(reverse("consent_settings"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "0 von 3 Fotos geprüft" in german


def test_progress_advances_step_by_step_and_is_visible_while_it_runs(
    alice, delivered, client, settings, monkeypatch, django_capture_on_commit_callbacks
):
    """Each step commits its progress; the page read during the third step shows two."""
    settings.CANDID_PROPAGATION_STEP = 1
    client.force_login(alice)
    seen = []

    def look(ids, purposes):
        page = client.get(reverse("consent_settings")).content.decode()
        seen.append(next(n for n in ("0 of 3", "1 of 3", "2 of 3") if n in page))

    monkeypatch.setattr(hooks, "WITHDRAWAL_HOOKS", [*hooks.WITHDRAWAL_HOOKS, look])
    with django_capture_on_commit_callbacks(execute=True):
        consent_withdraw(actor=alice, purposes=[PURPOSE])
    assert seen == ["0 of 3", "1 of 3", "2 of 3"]
    run = Propagation.objects.get()
    assert run.state == "completed" and run.done == 3 and run.notices == 3
    page = client.get(reverse("consent_settings")).content.decode()
    assert "of 3 photos checked" not in page and 'http-equiv="refresh"' not in page


class WorkerDied(BaseException):
    """Stands for the end of the worker process in the middle of a step."""


def test_a_run_that_died_mid_way_is_reclaimed_and_resumes_without_duplicates(
    alice, delivered, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.CANDID_PROPAGATION_STEP = 1
    steps = []

    def die_in_the_second_step(ids, purposes):
        steps.append(ids)
        if len(steps) == 2:
            raise WorkerDied()

    monkeypatch.setattr(
        hooks, "WITHDRAWAL_HOOKS", [*hooks.WITHDRAWAL_HOOKS, die_in_the_second_step]
    )
    with django_capture_on_commit_callbacks(execute=True):
        consent_withdraw(actor=alice, purposes=[PURPOSE])  # the task fails, the run stays
    run = Propagation.objects.get()
    assert (run.state, run.done) == ("running", 1)  # the second step rolled back
    assert notices_items() == [delivered[0].pk]
    assert propagations_reclaim() == 0  # its lease still runs
    later = timezone.now() + timedelta(seconds=settings.CANDID_JOB_LEASE_SECONDS + 1)
    with django_capture_on_commit_callbacks(execute=True):
        assert propagations_reclaim(now=later) == 1
    run.refresh_from_db()
    assert (run.state, run.done, run.attempts) == ("completed", 3, 2)
    assert notices_items() == sorted(p.pk for p in delivered)  # each photo once
    assert OutgoingMail.objects.count() == DeletionNotice.objects.count() == 3


def test_a_run_that_keeps_dying_ends_failed_with_a_message_on_the_page(
    alice, delivered, client, settings
):
    now = timezone.now()
    run = Propagation.objects.create(
        user=alice,
        state="running",
        photo_ids=[p.pk for p in delivered],
        purposes=[PURPOSE],
        total=3,
        created_at=now,
        attempts=MAX_ATTEMPTS,
        lease_owner="gone",
        lease_until=now - timedelta(seconds=1),
    )
    assert propagations_reclaim() == 1
    run.refresh_from_db()
    assert run.state == "failed" and run.lease_owner == ""
    client.force_login(alice)
    page = client.get(reverse("consent_settings"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Candid prüft jede Veröffentlichung" in page

"""core.leases: a job that keeps working keeps its lease; one whose lease was taken
from it learns so at its next heartbeat."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.leases import Heartbeat, LeaseLost, lease_clear, lease_take, reclaim_stale_jobs, stale
from rights.models import DataExport


@pytest.fixture
def job(alice, settings):
    settings.CANDID_JOB_LEASE_SECONDS = 30
    export = DataExport(user=alice, token="t", requested_at=timezone.now(), state="building")
    lease_take(export)
    export.save()
    return export


@pytest.mark.django_db
def test_a_heartbeat_renews_the_lease_so_a_long_job_is_not_reclaimed(job, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    beat = Heartbeat(DataExport, job.pk, job.lease_owner)
    for _ in range(4):  # two minutes of work, a beat every 30 s
        time_machine.shift(timedelta(seconds=30))
        beat.beat()
    job.refresh_from_db()
    assert job.lease_until > timezone.now() + timedelta(seconds=20)
    assert not stale(DataExport.objects.all()).exists()
    assert reclaim_stale_jobs()["exports"] == 0
    assert DataExport.objects.get().state == "building"


@pytest.mark.django_db
def test_heartbeats_write_at_most_every_third_of_the_lease(job, django_assert_num_queries):
    beat = Heartbeat(DataExport, job.pk, job.lease_owner)
    with django_assert_num_queries(1):
        for _ in range(100):
            beat.beat()


@pytest.mark.django_db
def test_a_job_whose_lease_was_taken_stops_at_its_next_heartbeat(job):
    beat = Heartbeat(DataExport, job.pk, job.lease_owner)
    lease_clear(job)
    job.save()
    with pytest.raises(LeaseLost):
        beat.beat()

"""`/metrics` in the Prometheus text format: request latency, task queue depth and age,
notices by deadline state and failed deliveries; readable only with the token or directly
from a trusted address."""

# ruff: noqa: F811  (fixtures imported from releases_support)
import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks import task
from prometheus_client.parser import text_string_to_metric_families

from consent.models import DeletionNotice
from consent.services.consent import consent_withdraw
from consent.services.deletion_notices import deletion_notices_remind
from core.worker import worker_ping
from moderation.models import Notice
from tests.consent.releases_support import (  # noqa: F401
    PURPOSE,
    admin,
    consenting,
    dataset,
    download,
    licensee_with,
    published,
)

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@task()
def always_fails() -> None:
    raise RuntimeError("this task fails on purpose")


def scrape(client: Client | None = None, **headers) -> dict:
    """{(name, labels): value} of every sample /metrics answers with."""
    response = (client or Client()).get("/metrics", **headers)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/plain; version=0.0.4")
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.content.decode())
        for sample in family.samples
    }


def test_loopback_reads_metrics_other_addresses_and_relayed_requests_do_not(db):
    assert Client().get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 200
    outside = Client().get("/metrics", REMOTE_ADDR="203.0.113.9")
    assert outside.status_code == 403 and b"CANDID_METRICS_TOKEN" in outside.content
    relayed = Client().get("/metrics", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert relayed.status_code == 403


def test_the_bearer_token_opens_metrics_from_anywhere(db, settings):
    settings.CANDID_METRICS_TOKEN = "s3cret-metrics"
    far = {"REMOTE_ADDR": "203.0.113.9", "HTTP_X_FORWARDED_FOR": "198.51.100.1"}
    assert (
        Client().get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-metrics", **far).status_code
        == 200
    )
    assert Client().get("/metrics", HTTP_AUTHORIZATION="Bearer wrong", **far).status_code == 403
    assert Client().get("/metrics", **far).status_code == 403


def test_request_latency_is_counted_per_view(db):
    key = (
        "candid_request_duration_seconds_count",
        (("method", "GET"), ("status", "2xx"), ("view", "healthz")),
    )
    before = scrape().get(key, 0)
    for _ in range(3):
        Client().get("/healthz")
    missing = (
        "candid_request_duration_seconds_count",
        (("method", "GET"), ("status", "4xx"), ("view", "unresolved")),
    )
    before_missing = scrape().get(missing, 0)
    Client().get("/no/such/page/")
    after = scrape()
    assert after[key] == before + 3
    assert after[missing] == before_missing + 1


def test_pages_answered_from_the_page_cache_count_under_their_view(db, settings):
    settings.CANDID_ANON_PAGE_SECONDS = 60
    key = (
        "candid_request_duration_seconds_count",
        (("method", "GET"), ("status", "2xx"), ("view", "explore")),
    )
    before = scrape().get(key, 0)
    Client().get("/explore/")
    cached = Client().get("/explore/")  # answered by AnonymousPageCache, no view ran
    assert cached.status_code == 200
    assert scrape()[key] == before + 2


def test_task_queue_depth_age_and_failures(transactional_db, settings, time_machine):
    """transactional_db: the worker closes the database connection when done."""
    settings.TASKS = DATABASE_TASKS
    start = timezone.now()
    time_machine.move_to(start, tick=False)
    always_fails.enqueue()
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")
    worker_ping.enqueue()
    time_machine.shift(timedelta(seconds=30))
    worker_ping.enqueue()
    time_machine.shift(timedelta(seconds=60))
    samples = scrape()
    assert samples[("candid_tasks_ready", ())] == 2
    assert samples[("candid_tasks_oldest_ready_age_seconds", ())] == 90
    assert samples[("candid_tasks_failed", ())] == 1


def deadline_samples() -> dict:
    samples = scrape()
    return {
        state: samples[("candid_notices_open", (("deadline", state),))]
        for state in ("on_time", "due_soon", "overdue")
    }


def test_notices_by_deadline_state_in_one_query_whatever_their_number(alice, upload, report):
    now = timezone.now()
    for hours in (-2, 1, 200):
        notice = report(upload(alice))
        Notice.objects.filter(pk=notice.pk).update(deadline_at=now + timedelta(hours=hours))
    with CaptureQueriesContext(connection) as few:
        assert deadline_samples() == {"on_time": 1, "due_soon": 1, "overdue": 1}
    for _ in range(4):
        report(upload(alice))  # the default deadline: days away
    with CaptureQueriesContext(connection) as more:
        assert deadline_samples() == {"on_time": 5, "due_soon": 1, "overdue": 1}
    assert len(more) == len(few)


def test_escalated_deletion_notices_count_as_failed_deliveries(
    admin, alice, dataset, consenting, django_capture_on_commit_callbacks
):
    photo = consenting()
    release = published(admin, dataset)
    lab, _ = licensee_with(admin, dataset, "Lab One")
    download(lab, release)
    with django_capture_on_commit_callbacks(execute=True):
        consent_withdraw(actor=alice, photos=[photo], purposes=[PURPOSE])
    failed = ("candid_deliveries_failed", (("kind", "deletion_notice"),))
    assert scrape()[failed] == 0
    start = DeletionNotice.objects.get().sent_at
    for days in (7, 14, 21):
        deletion_notices_remind(now=start + timedelta(days=days, minutes=days))
    assert DeletionNotice.objects.get().state == "escalated"
    samples = scrape()
    assert samples[failed] == 1
    assert samples[("candid_deletion_notices_open", (("state", "escalated"),))] == 1


def test_multiprocess_mode_sums_the_latency_of_every_process(tmp_path):
    """Two processes each time one request; a third, scraping, sees both."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "candid.settings",
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path),
    }
    observe = (
        "import django; django.setup(); from web.metrics import REQUEST_SECONDS;"
        "REQUEST_SECONDS.labels(view='explore', method='GET', status='2xx').observe(0.02)"
    )
    show = (
        "import django; django.setup(); from web.metrics import process_metrics;"
        "print(process_metrics().decode())"
    )

    def run(code: str) -> str:
        return subprocess.run(  # noqa: S603 (our own interpreter, fixed arguments)
            [sys.executable, "-c", code],
            env=env,
            cwd=django_settings.BASE_DIR,
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    run(observe)
    run(observe)
    line = 'candid_request_duration_seconds_count{method="GET",status="2xx",view="explore"} 2.0'
    assert line in run(show)


@pytest.mark.parametrize("header", ["HTTP_X_REAL_IP", "HTTP_FORWARDED"])
def test_other_forwarding_headers_also_mark_a_relayed_request(db, header):
    assert Client().get("/metrics", REMOTE_ADDR="127.0.0.1", **{header: "x"}).status_code == 403

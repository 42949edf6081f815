"""Prometheus metrics (prometheus_client): request latency, measured here per process, and
figures read from the database when /metrics is scraped (task queue, notices by deadline
state, failed deliveries).

Per process by default. Under gunicorn's several workers each process would answer with
its own latency counts only, so set PROMETHEUS_MULTIPROC_DIR (an empty folder, emptied
at each start): prometheus_client then keeps each process's figures in files there and a
scrape sums them."""

import os
import time

from django.urls import Resolver404, resolve
from prometheus_client import CollectorRegistry, Histogram, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from consent.selectors.licensees import deletion_notices_open_by_state
from core.worker import task_queue_stats
from moderation.selectors import notices_by_deadline

PROCESS_REGISTRY = CollectorRegistry()
REQUEST_SECONDS = Histogram(
    "candid_request_duration_seconds",
    "Time to answer a request, by view, method and status class.",
    ["view", "method", "status"],
    registry=PROCESS_REGISTRY,
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)


class RequestLatency:
    """Outermost middleware: times every request, labelled by the URL pattern's name (not
    the path, which would make a series per photo)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        REQUEST_SECONDS.labels(
            view=_view_name(request),
            method=request.method if request.method in KNOWN_METHODS else "other",
            status=f"{response.status_code // 100}xx",
        ).observe(time.perf_counter() - started)
        return response


KNOWN_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


def _view_name(request) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:  # answered by a middleware (the page cache) before URL resolution
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return "unresolved"
    return match.view_name or "unresolved"


class DatabaseFigures(Collector):
    """Read at scrape time, once for all processes: each figure is one aggregate query."""

    def collect(self):
        queue = task_queue_stats()
        yield _gauge("candid_tasks_ready", "Tasks waiting for a worker.", queue.ready)
        yield _gauge(
            "candid_tasks_oldest_ready_age_seconds",
            "How long the longest-waiting runnable task has waited.",
            queue.oldest_ready_seconds,
        )
        yield _gauge("candid_tasks_failed", "Tasks that ended failed.", queue.failed)
        yield _labelled(
            "candid_notices_open",
            "Notices of open cases by deadline state.",
            "deadline",
            notices_by_deadline(),
        )
        notices = deletion_notices_open_by_state()
        yield _labelled(
            "candid_deletion_notices_open",
            "Unacknowledged deletion notices to dataset licensees, by state.",
            "state",
            notices,
        )
        yield _labelled(
            "candid_deliveries_failed",
            "Deliveries that failed: deletion notices escalated after every reminder "
            "went unanswered.",
            "kind",
            {"deletion_notice": notices["escalated"]},
        )


def _gauge(name: str, documentation: str, value: float) -> GaugeMetricFamily:
    return GaugeMetricFamily(name, documentation, value=value)


def _labelled(name: str, documentation: str, label: str, values: dict) -> GaugeMetricFamily:
    family = GaugeMetricFamily(name, documentation, labels=[label])
    for key, value in values.items():
        family.add_metric([key], value)
    return family


DATABASE_REGISTRY = CollectorRegistry()
DATABASE_REGISTRY.register(DatabaseFigures())


def process_metrics() -> bytes:
    """Request latency: this process's, or every process's in multiprocess mode."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry)
    return generate_latest(PROCESS_REGISTRY)


def metrics_text() -> bytes:
    return process_metrics() + generate_latest(DATABASE_REGISTRY)

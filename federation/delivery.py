"""Sending activities: queued as Delivery rows in the sender's transaction, sent by the
worker, tried again with exponential backoff for about three days, with a circuit breaker
per destination server. One delivery per shared inbox, however many followers live there.

A 2xx answer delivers; 4xx answers other than 408 and 429 are permanent (the peer refuses
the activity, trying again changes nothing); anything else, or no answer, is tried again.
"""

import json
from datetime import timedelta
from urllib.parse import urlsplit

import requests
from django.db import transaction
from django.utils import timezone

from core.tasks import task_enqueue
from federation import addresses
from federation.domains import blocked_among, domain_of
from federation.fetch import TIMEOUT_SECONDS, FetchRefused, address_allowed
from federation.models import Delivery, DomainHealth, LocalActor
from federation.negotiation import ACTIVITY_JSON
from federation.safe_http import public_request
from federation.signatures import sign_request

SEND_TASK = "federation.tasks.delivery_send_task"
FIRST_WAIT = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=12)
MAX_ATTEMPTS = 14  # about three days of waits: 1, 2, 4 … 512 minutes, then 12 hours
BREAKER_FAILURES = 5
BREAKER_OPEN = timedelta(minutes=30)
RETRYABLE_4XX = {408, 429}
# A send in progress holds its row this long; a worker killed mid-send leaves it to the
# upkeep after that (deliveries_due_enqueue).
CLAIM = timedelta(minutes=2)


def deliveries_queue(
    *, sender: LocalActor, activity: dict, inboxes: list[str], case_id: int | None = None
) -> int:
    """Queue `activity` for each distinct inbox, none to a blocked server; call inside the
    sender's transaction. `case_id`: the moderation case whose decision it carries out."""
    distinct = list(dict.fromkeys(inbox for inbox in inboxes if inbox))
    refused = blocked_among({domain_of(inbox) for inbox in distinct})
    distinct = [inbox for inbox in distinct if domain_of(inbox) not in refused]
    now = timezone.now()
    rows = Delivery.objects.bulk_create(
        [
            Delivery(
                sender=sender,
                inbox=inbox,
                domain=urlsplit(inbox).hostname or "",
                activity=activity,
                next_attempt_at=now,
                case_id=case_id,
            )
            for inbox in distinct
        ]
    )
    ids = [row.pk for row in rows]
    transaction.on_commit(lambda: [task_enqueue(SEND_TASK, pk) for pk in ids])
    return len(rows)


def delivery_send(delivery_id: int) -> str:
    delivery = Delivery.objects.select_related("sender__user").filter(pk=delivery_id).first()
    if delivery is None or delivery.state != Delivery.State.PENDING:
        return "nothing to send"
    now = timezone.now()
    claimed = Delivery.objects.filter(
        pk=delivery.pk, state=Delivery.State.PENDING, next_attempt_at__lte=now
    ).update(next_attempt_at=now + CLAIM)
    if not claimed:
        return "not due, or being sent by another worker"
    health = DomainHealth.objects.filter(domain=delivery.domain).first()
    if health and health.open_until and health.open_until > now:
        _postpone(delivery, health.open_until, "circuit open")
        return "circuit open"
    error = _post(delivery)
    _record(delivery, error, now)
    return error or "delivered"


def _post(delivery: Delivery) -> str:
    """The error, or '' when the peer took it."""
    body = json.dumps(delivery.activity).encode()
    sender = delivery.sender
    username = sender.user.username if sender.user_id else None
    try:
        address_allowed(delivery.inbox)
        headers = sign_request(
            method="POST",
            url=delivery.inbox,
            body=body,
            key_id=addresses.key_id(username),
            private_pem=sender.private_key_pem,
        )
        headers["Content-Type"] = ACTIVITY_JSON
        response = public_request(
            "POST",
            delivery.inbox,
            data=body,
            headers=headers,
            timeout=TIMEOUT_SECONDS,
            allow_redirects=False,
        )
    except (FetchRefused, requests.RequestException) as error:
        return f"{error.__class__.__name__}: {error}"[:300]
    if 200 <= response.status_code < 300:
        return ""
    return f"HTTP {response.status_code}"


def _permanent(error: str) -> bool:
    if error.startswith("FetchRefused"):
        return True
    if not error.startswith("HTTP 4"):
        return False
    return int(error.split()[1]) not in RETRYABLE_4XX


@transaction.atomic
def _record(delivery: Delivery, error: str, now) -> None:
    delivery.attempts += 1
    health, _ = DomainHealth.objects.select_for_update().get_or_create(domain=delivery.domain)
    if not error:
        delivery.state, delivery.delivered_at, delivery.last_error = (
            Delivery.State.DELIVERED,
            now,
            "",
        )
        health.failures_in_row, health.open_until = 0, None
    else:
        delivery.last_error = error
        if _permanent(error) or delivery.attempts >= MAX_ATTEMPTS:
            delivery.state = Delivery.State.FAILED
        else:
            delivery.next_attempt_at = now + backoff(delivery.attempts)
        if not _permanent(error):
            health.failures_in_row += 1
            if health.failures_in_row >= BREAKER_FAILURES:
                health.open_until = now + BREAKER_OPEN
    health.save()
    delivery.save(
        update_fields=["attempts", "state", "delivered_at", "last_error", "next_attempt_at"]
    )


def backoff(attempts: int) -> timedelta:
    return min(FIRST_WAIT * 2 ** (attempts - 1), LONGEST_WAIT)


def _postpone(delivery: Delivery, until, reason: str) -> None:
    Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=until, last_error=reason)


def deliveries_due_enqueue(limit: int = 1000) -> int:
    """Upkeep: queue the sends whose wait is over (retries, and tasks lost with a worker)."""
    due = Delivery.objects.filter(
        state=Delivery.State.PENDING, next_attempt_at__lte=timezone.now()
    ).values_list("pk", flat=True)[:limit]
    for pk in due:
        task_enqueue(SEND_TASK, pk)
    return len(due)

"""Average monthly active recipients (DSA Art. 24(2)), counted without tracking anyone.

How it works:
- A recipient is anyone who is served a page or an API answer in a month: a signed-in
  user (keyed by user id) or a visitor (keyed by network address and browser string;
  behind trusted proxies the client's address, core/client_ip.py).
  Viewers a configured country header or GeoIP places outside the EU/EEA are not
  counted; viewers of unknown country are (so the figure errs high, never low).
- The key is never stored. Each month has a random secret salt; the middleware stores
  HMAC-SHA256(salt, key) in `RecipientSeen`, at most once per viewer per day (a cache
  entry remembers who was already counted today, so a page view costs no query).
- When a month is over, `months_close` stores only the number of distinct hashes in
  `MonthlyRecipients` and deletes that month's hashes and its salt. From then on nothing
  links the figure to any person. AMAR for a report period is the average over the
  period's closed months.
Run `python manage.py transparency_report` (or call `months_close`) after a month ends.
"""

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta
from statistics import mean

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from core.client_ip import client_address
from core.events import event_record
from core.geo import viewer_country
from moderation.sor import EEA
from transparency.models import MonthlyRecipients, RecipientSalt, RecipientSeen

SKIPPED_PREFIXES = ("/static/", "/healthz", "/r/", "/avatars/", "/favicon")
DAY = 24 * 3600


def month_of(moment: datetime) -> str:
    return f"{moment:%Y-%m}"


def viewer_key(request) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    address = client_address(request)
    agent = request.META.get("HTTP_USER_AGENT", "")[:200]
    return f"visitor:{address}|{agent}"


def recipient_seen(*, key: str, now: datetime | None = None) -> bool:
    """Count `key` for the current month; True when this call stored a new day's mark."""
    now = now or timezone.now()
    month = month_of(now)
    digest = hmac.new(_salt(month).encode(), key.encode(), hashlib.sha256).hexdigest()
    if not cache.add(f"amar:{now:%Y-%m-%d}:{digest}", 1, timeout=2 * DAY):
        return False
    RecipientSeen.objects.bulk_create(
        [RecipientSeen(month=month, digest=digest)], ignore_conflicts=True
    )
    return True


def months_close(*, now: datetime | None = None) -> list[str]:
    """Keep only the count of every finished month; delete its hashes and salt."""
    current = month_of(now or timezone.now())
    months = set(RecipientSeen.objects.values_list("month", flat=True).distinct())
    months |= set(RecipientSalt.objects.values_list("month", flat=True))
    closed = []
    for month in sorted(m for m in months if m < current):
        with transaction.atomic():
            count = RecipientSeen.objects.filter(month=month).count()
            MonthlyRecipients.objects.update_or_create(
                month=month, defaults={"recipients": count, "closed_at": timezone.now()}
            )
            RecipientSeen.objects.filter(month=month).delete()
            RecipientSalt.objects.filter(month=month).delete()
            event_record(
                kind="transparency.recipients_month_closed",
                data={"month": month, "recipients": count},
            )
        cache.delete(f"amar:salt:{month}")
        closed.append(month)
    return closed


def amar_for(*, start: datetime, end: datetime) -> dict:
    """Average over the closed months inside [start, end)."""
    first, last = month_of(start), month_of(end - timedelta(seconds=1))
    rows = list(
        MonthlyRecipients.objects.filter(month__gte=first, month__lte=last).values_list(
            "month", "recipients"
        )
    )
    return {
        "months": [{"month": m, "recipients": n} for m, n in rows],
        "average": round(mean(n for _, n in rows)) if rows else None,
    }


def _salt(month: str) -> str:
    cached = cache.get(f"amar:salt:{month}")
    if cached:
        return cached
    row, _ = RecipientSalt.objects.get_or_create(
        month=month, defaults={"salt": secrets.token_hex(32)}
    )
    cache.set(f"amar:salt:{month}", row.salt, timeout=DAY)
    return row.salt


class ActiveRecipientsMiddleware:
    """Counts each viewer once a day towards the month's active recipients. Costs no
    query once the viewer is counted for the day (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if self._counts(request, response):
            recipient_seen(key=viewer_key(request))
        return response

    @staticmethod
    def _counts(request, response) -> bool:
        if request.method not in ("GET", "HEAD") or response.status_code >= 400:
            return False
        if request.path.startswith(SKIPPED_PREFIXES):
            return False
        country = viewer_country(request)
        return not country or country in EEA

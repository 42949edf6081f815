"""What a member sees of their withdrawals' propagation (consent.services.propagation_runs)."""

from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from consent.models import Propagation

LIVE = ("queued", "running")


def propagations_shown_to(user: User) -> list[Propagation]:
    """The member's propagations still under way, and those that failed in the last day."""
    if not user.is_authenticated:
        return []
    runs = Propagation.objects.filter(user=user)
    live = list(runs.filter(state__in=LIVE).order_by("created_at", "id")[:5])
    recent = timezone.now() - timedelta(days=1)
    failed = list(runs.filter(state="failed", finished_at__gte=recent)[:5])
    return live + failed

"""NodeInfo 2.1 (https://nodeinfo.diaspora.software/protocol): what software this server
runs and how many use it, read by fediverse directories and by peers."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from federation.models import NodeStats
from federation.selectors import federated_photos

SCHEMA = "http://nodeinfo.diaspora.software/ns/schema/2.1"
VERSION = "1.0"


@transaction.atomic
def node_stats_count() -> NodeStats:
    """The upkeep's count (federation_upkeep); the NodeInfo answer reads its row."""
    now = timezone.now()
    members = User.objects.filter(is_active=True, terminated_at__isnull=True)
    stats, _ = NodeStats.objects.get_or_create(pk=1)
    stats.users_total = members.count()
    stats.active_month = members.filter(last_login__gte=now - timedelta(days=30)).count()
    stats.active_halfyear = members.filter(last_login__gte=now - timedelta(days=180)).count()
    stats.local_posts = federated_photos().count()
    stats.counted_at = now
    stats.save()
    return stats


def nodeinfo_document() -> dict:
    stats = NodeStats.objects.filter(pk=1).first() or NodeStats()
    return {
        "version": "2.1",
        "software": {
            "name": "candid",
            "version": VERSION,
            "homepage": settings.SITE_URL,
        },
        "protocols": ["activitypub"],
        "services": {"inbound": [], "outbound": ["atom1.0", "rss2.0"]},
        "openRegistrations": True,  # anyone may sign up (accounts/signup.py)
        "usage": {
            "users": {
                "total": stats.users_total,
                "activeMonth": stats.active_month,
                "activeHalfyear": stats.active_halfyear,
            },
            "localPosts": stats.local_posts,
        },
        "metadata": {"nodeName": "Candid"},
    }

"""A block ends every follow with the blocked servers, both ways, and tells each member
who lost followers or follows there which servers and why (one notice per member per
decision or import, however many servers it names)."""

from collections import defaultdict

from django.db.models import QuerySet

from federation.models import OutgoingFollow, RemoteFollow
from notifications.server_measures import ServerLoss, notify_server_block


def follows_sever(*, domains: list[str], reasons: dict[str, str]) -> dict[str, int]:
    """Deletes the follows with accounts on `domains` (and their subdomains); returns the
    number ended per blocked domain. Call inside the deciding transaction."""
    if not domains:
        return {}
    covered = _covered(set(domains))
    if not covered:
        return {}
    followers = RemoteFollow.objects.filter(follower__domain__in=covered)
    following = OutgoingFollow.objects.filter(followee__domain__in=covered)
    losses: dict[int, dict[str, ServerLoss]] = defaultdict(dict)
    ended: dict[str, int] = defaultdict(int)
    for member_id, domain in _pairs(followers, "followee_id", "follower__domain"):
        blocked = covered[domain]
        ended[blocked] += 1
        _loss(losses[member_id], blocked, reasons[blocked]).followers += 1
    for member_id, domain in _pairs(following, "follower_id", "followee__domain"):
        blocked = covered[domain]
        ended[blocked] += 1
        _loss(losses[member_id], blocked, reasons[blocked]).follows += 1
    followers.delete()
    following.delete()
    for member_id, servers in losses.items():
        notify_server_block(recipient_id=member_id, servers=sorted(servers.values()))
    return dict(ended)


def _covered(blocked: set[str]) -> dict[str, str]:
    """Each server members have follows with that falls under a blocked domain, mapped to
    that domain: the servers with follows are few, the blocked domains may be thousands."""
    known = set(RemoteFollow.objects.values_list("follower__domain", flat=True).distinct())
    known |= set(OutgoingFollow.objects.values_list("followee__domain", flat=True).distinct())
    covered = {}
    for domain in known:
        labels = domain.split(".")
        parents = [".".join(labels[i:]) for i in range(len(labels))]
        hit = next((p for p in parents if p in blocked), None)
        if hit is not None:
            covered[domain] = hit
    return covered


def _pairs(queryset: QuerySet, member: str, domain: str):
    return queryset.values_list(member, domain).order_by().iterator()


def _loss(servers: dict, domain: str, reason: str) -> ServerLoss:
    if domain not in servers:
        servers[domain] = ServerLoss(domain=domain, reason=reason)
    return servers[domain]

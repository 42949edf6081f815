"""The instance's measures on other servers (DomainBlock). Issue #20 makes each a reasoned,
published decision; here is what they do."""

from urllib.parse import urlsplit

from django.db import transaction

from accounts.models import User
from core.events import event_record
from federation.models import DomainBlock, OutgoingFollow, RemoteFollow


def domain_of(uri: str) -> str:
    return (urlsplit(uri).hostname or "").lower()


def blocked(domain: str) -> bool:
    return DomainBlock.objects.filter(domain=domain.lower(), kind=DomainBlock.Kind.BLOCK).exists()


def blocked_among(domains: set[str]) -> set[str]:
    return set(
        DomainBlock.objects.filter(domain__in=domains, kind=DomainBlock.Kind.BLOCK).values_list(
            "domain", flat=True
        )
    )


@transaction.atomic
def domain_block_set(
    *, actor: User | None, domain: str, kind: str, public_reason: str
) -> DomainBlock:
    """A block also ends every follow with the server, both ways."""
    domain = domain.strip().lower()
    block, _ = DomainBlock.objects.update_or_create(
        domain=domain, defaults={"kind": kind, "public_reason": public_reason}
    )
    ended = 0
    if kind == DomainBlock.Kind.BLOCK:
        ended += RemoteFollow.objects.filter(follower__domain=domain).delete()[0]
        ended += OutgoingFollow.objects.filter(followee__domain=domain).delete()[0]
    event_record(
        kind="federation.domain_measure",
        actor=actor,
        subject=block,
        data={"domain": domain, "kind": kind, "follows_ended": ended},
    )
    return block

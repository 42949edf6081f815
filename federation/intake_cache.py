"""What intake reads for every activity, kept in the process for a short while: the
servers the instance blocks and the owner of each signing key. Reading both from the
database cost more than the signature check itself (bench/federation.py).

Staleness is bounded and harmless: a change saved in this process clears its copy at
once (signals); another process sees it within TTL_SECONDS. A key that changed fails to
verify with the kept copy, and signatures.py then asks again with `refresh` (fetched
anew). A block saved elsewhere may let an activity be stored for a few seconds more, and
processing.py checks the block again before acting on anything."""

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from federation.domains import domain_parents
from federation.models import DomainBlock, RemoteActor

TTL_SECONDS = 30.0
MAX_KEYS = 10_000


@dataclass(frozen=True)
class KeyOwner:
    uri: str
    public_key_pem: str


_lock = threading.Lock()
_blocked: tuple[float, frozenset[str]] = (0.0, frozenset())
_owners: OrderedDict[str, tuple[float, KeyOwner | None]] = OrderedDict()


def blocked_domain(domain: str) -> bool:
    global _blocked
    now = time.monotonic()
    read_at, domains = _blocked
    if now - read_at > TTL_SECONDS:
        rows = DomainBlock.objects.filter(kind=DomainBlock.Kind.BLOCK).values_list("domain")
        domains = frozenset(domain for (domain,) in rows)
        _blocked = (now, domains)
    return bool(domains) and any(parent in domains for parent in domain_parents(domain.lower()))


def key_owner_kept(key_id: str) -> KeyOwner | None:
    """The stored owner of `key_id` (None: not stored), read at most once per TTL."""
    now = time.monotonic()
    with _lock:
        kept = _owners.get(key_id)
        if kept is not None and now - kept[0] <= TTL_SECONDS:
            _owners.move_to_end(key_id)
            return kept[1]
    row = RemoteActor.objects.filter(key_id=key_id).values_list("uri", "public_key_pem").first()
    owner = KeyOwner(*row) if row else None
    if owner is not None:
        key_owner_keep(key_id, owner)
    return owner


def key_owner_keep(key_id: str, owner: KeyOwner) -> None:
    with _lock:
        _owners[key_id] = (time.monotonic(), owner)
        _owners.move_to_end(key_id)
        while len(_owners) > MAX_KEYS:
            _owners.popitem(last=False)


def forget() -> None:
    global _blocked
    with _lock:
        _owners.clear()
    _blocked = (0.0, frozenset())


def blocks_forget() -> None:
    """Called by federation.domain_measures after it saves measures (in bulk, so no
    signals): this process reads the blocks afresh on its next message."""
    global _blocked
    _blocked = (0.0, frozenset())


@receiver([post_save, post_delete], sender=RemoteActor)
def _actor_changed(instance: RemoteActor, **kwargs) -> None:
    with _lock:
        _owners.pop(instance.key_id, None)

"""The community rules, the moderation policy and the Art. 23 measures that restrict
notifiers, cached per process for notice intake.

All change rarely and are read on every notice. A per-process copy is kept under a
generation token stored in Django's cache: `config_changed` (connected in
`moderation.apps` to saves and deletes of RuleSet, Rule, ModerationPolicy and
MisuseMeasure) replaces the token at once and again after commit, so this process and
every process sharing the cache (CANDID_CACHE=database) reload on their next read.
Processes with their own local cache cannot see another process's change; the token's
lifetime (GENERATION_SECONDS) bounds that staleness, as it bounds a copy loaded inside a
transaction that changed the rows and then rolled back (Django has no rollback hook).
Rule sets are immutable once published and a new version applies at least 14 days after
it is announced (DSA Art. 14(1), `ruleset_publish`), and measures carry their end; so
which version is in force and which measure still runs are worked out at read time,
never frozen at load time.
"""

import secrets
from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from moderation.models import MisuseMeasure, ModerationPolicy, Rule, RuleSet

GENERATION_KEY = "candid:moderation-config-generation"
GENERATION_SECONDS = 60


@dataclass(frozen=True)
class _Config:
    generation: str
    loaded_at: datetime
    policy: ModerationPolicy
    rulesets: tuple[tuple[RuleSet, dict[str, Rule]], ...]  # newest version first
    restrictions: dict[tuple[str, object], list[tuple[str, datetime | None]]]


_config: _Config | None = None


def cached_policy() -> ModerationPolicy:
    """The moderation policy row (treat as read-only)."""
    return _current().policy


def cached_rule_in_force(code: str) -> Rule | None:
    """The rule `code` of the version in force now, as `selectors.rule_in_force`."""
    config, now = _current(), timezone.now()
    for ruleset, rules in config.rulesets:
        if ruleset.effective_at <= now:
            return rules.get(code)
    return None


def cached_restrictions(key: tuple[str, object]) -> list[tuple[str, datetime | None]]:
    """(level, ends_at) of the Art. 23(2) measures against a notifier, keyed ("user", pk) or
    ("email", EMAIL IN CAPITALS) or, for another server, ("server", host); ones that ended
    since loading are for the caller to skip."""
    return _current().restrictions.get(key, [])


def config_changed(**_signal_kwargs) -> None:
    """A new token now (this transaction reads its own change) and after commit (other
    processes may have reloaded the old rows in between)."""
    _new_generation()
    transaction.on_commit(_new_generation)


def _current() -> _Config:
    """Reloads on a new token, and when the clock reads earlier than the load (frozen or
    travelling time in tests): the copy only holds what can apply from the load on."""
    global _config
    generation = _generation()
    stale = _config is None or _config.generation != generation
    if stale or timezone.now() < _config.loaded_at:
        _config = _load(generation)
    return _config


def _generation() -> str:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, secrets.token_hex(8), GENERATION_SECONDS)
        generation = cache.get(GENERATION_KEY, "")
    return generation


def _new_generation() -> None:
    cache.set(GENERATION_KEY, secrets.token_hex(8), GENERATION_SECONDS)


def _load(generation: str) -> _Config:
    """The version in force now and every later one: no older version can apply again."""
    now = timezone.now()
    in_force = RuleSet.objects.filter(effective_at__lte=now).order_by("-version").first()
    rulesets = RuleSet.objects.filter(version__gte=in_force.version if in_force else 0)
    return _Config(
        generation=generation,
        loaded_at=now,
        policy=ModerationPolicy.current(),
        rulesets=tuple(
            (ruleset, {rule.code: rule for rule in ruleset.rules.all()})
            for ruleset in rulesets.order_by("-version").prefetch_related("rules")
        ),
        restrictions=_load_restrictions(now),
    )


def _load_restrictions(now: datetime) -> dict[tuple[str, object], list]:
    """Deprioritisation and suspension of notifiers still running (warnings restrict nothing)."""
    measures = MisuseMeasure.objects.filter(
        Q(ends_at__isnull=True) | Q(ends_at__gt=now),
        kind=MisuseMeasure.Kind.UNFOUNDED_NOTICES,
        level__in=[MisuseMeasure.Level.SUSPENDED, MisuseMeasure.Level.DEPRIORITISED],
    )
    restrictions = {}
    for user_id, email, server, level, ends_at in measures.values_list(
        "user_id", "email", "server", "level", "ends_at"
    ):
        key = ("user", user_id) if user_id else ("email", email.upper())
        key = ("server", server) if server else key
        restrictions.setdefault(key, []).append((level, ends_at))
    return restrictions

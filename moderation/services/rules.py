"""Publishing community rules (DSA Art. 14(1): terms in clear language, publicly available;
changes announced to users before they apply)."""

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from accounts.models import User
from accounts.permissions import ensure_moderator
from core.errors import ServiceError
from core.events import event_record
from moderation.models import Rule, RuleSet
from moderation.services.notify import send_after_commit

MIN_NOTICE = timedelta(days=14)


def ruleset_publish(
    *,
    actor: User | None,
    rules: list[dict],
    summary: str,
    effective_at: datetime,
    first_version: bool = False,
) -> RuleSet:
    """Publish a new version. Users are told now; it applies from `effective_at`, at least
    14 days later (only the very first version may apply at once)."""
    if actor is not None:
        ensure_moderator(actor)
    now = timezone.now()
    if not first_version and effective_at < now + MIN_NOTICE:
        raise ServiceError("Rule changes must be announced at least 14 days before they apply.")
    if not rules or any(
        not r.get("code") or not r.get("title") or not r.get("text") for r in rules
    ):
        raise ServiceError("Every rule needs a code, a title and a text.")
    with transaction.atomic():
        version = (RuleSet.objects.aggregate(v=Max("version"))["v"] or 0) + 1
        ruleset = RuleSet.objects.create(
            version=version, summary_of_changes=summary, published_at=now, effective_at=effective_at
        )
        Rule.objects.bulk_create(
            Rule(
                ruleset=ruleset,
                code=r["code"],
                title=r["title"],
                text=r["text"],
                examples=r.get("examples", ""),
            )
            for r in rules
        )
        event_record(
            kind="moderation.rules_published",
            actor=actor,
            subject=ruleset,
            data={"version": version, "effective_at": effective_at.isoformat()},
        )
        if version > 1:
            _announce(ruleset)
    return ruleset


def _announce(ruleset: RuleSet) -> None:
    emails = list(
        User.objects.filter(is_active=True).exclude(email="").values_list("email", flat=True)
    )
    send_after_commit(to=emails, template="rules_changed", context={"ruleset": ruleset})

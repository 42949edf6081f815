"""Publishing community rules (DSA Art. 14(1): terms in clear language, publicly available;
changes announced to users before they apply)."""

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.permissions import ensure_moderator
from accounts.preferences import is_supported_language
from core.errors import ServiceError
from core.events import event_record
from moderation.models import Rule, RuleSet, RuleText
from moderation.models.rules import SOURCE_LANGUAGE
from moderation.services.notify import send_to_members

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
        raise ServiceError(_("Rule changes must be announced at least 14 days before they apply."))
    if not rules or any(
        not r.get("code") or not r.get("title") or not r.get("text") for r in rules
    ):
        raise ServiceError(_("Every rule needs a code, a title and a text."))
    _check_texts(rules)
    with transaction.atomic():
        version = (RuleSet.objects.aggregate(v=Max("version"))["v"] or 0) + 1
        ruleset = RuleSet.objects.create(
            version=version, summary_of_changes=summary, published_at=now, effective_at=effective_at
        )
        created = Rule.objects.bulk_create(
            Rule(
                ruleset=ruleset,
                code=r["code"],
                title=r["title"],
                text=r["text"],
                examples=r.get("examples", ""),
            )
            for r in rules
        )
        RuleText.objects.bulk_create(
            RuleText(
                rule=rule,
                language=language,
                title=text["title"],
                text=text["text"],
                examples=text.get("examples", ""),
            )
            for rule, r in zip(created, rules, strict=True)
            for language, text in (r.get("texts") or {}).items()
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


def _check_texts(rules: list[dict]) -> None:
    """A rule's other languages (`"texts": {"de": {"title", "text", "examples"}}`): each
    a language Candid speaks, other than the source, with a title and a text."""
    for rule in rules:
        for language, text in (rule.get("texts") or {}).items():
            if language == SOURCE_LANGUAGE or not is_supported_language(language):
                raise ServiceError(
                    _("Rule %(code)s: %(language)s is not a further language Candid speaks.")
                    % {"code": rule["code"], "language": language}
                )
            if not isinstance(text, dict) or not text.get("title") or not text.get("text"):
                raise ServiceError(
                    _("Rule %(code)s needs a title and a text in %(language)s.")
                    % {"code": rule["code"], "language": language}
                )


def _announce(ruleset: RuleSet) -> None:
    """Every member, in their own language (DSA Art. 14(2): informed of any change)."""
    members = User.objects.filter(is_active=True).exclude(email="").only("email", "language")
    send_to_members(members=members, template="rules_changed", context={"ruleset": ruleset})

"""Graduated enforcement: removal, restriction and withholding give the owner a strike that
expires; thresholds (ModerationPolicy) turn active strikes into a proposal shown to the
moderator: a warning, a suspension, termination. Nothing is applied without a decision."""

from datetime import timedelta

from django.utils.translation import ngettext

from accounts.models import User
from moderation.models import Decision, ModerationPolicy, Strike
from moderation.selectors import active_strikes
from moderation.services.misuse import poster_suspension_due

STRIKING = {Decision.Action.REMOVE, Decision.Action.WITHHOLD, Decision.Action.RESTRICT}


def strike_record(*, decision: Decision, user: User) -> Strike | None:
    """Called when a decision comes into force; its reversal lifts the strike."""
    if decision.action not in STRIKING:
        return None
    days = ModerationPolicy.current().strike_expiry_days
    return Strike.objects.create(
        user=user,
        decision=decision,
        created_at=decision.applied_at,
        expires_at=decision.applied_at + timedelta(days=days),
    )


def strike_proposal(user: User) -> str:
    """What the graduated-enforcement policy suggests for this user now (shown, not done)."""
    policy, count = ModerationPolicy.current(), active_strikes(user).count()
    if count >= policy.strikes_for_termination:
        return ngettext(
            "%(count)d active strike: the policy proposes terminating the account.",
            "%(count)d active strikes: the policy proposes terminating the account.",
            count,
        ) % {"count": count}
    if count >= policy.strikes_for_suspension or poster_suspension_due(user):
        return ngettext(
            "%(count)d active strike: the policy proposes a %(days)d-day suspension.",
            "%(count)d active strikes: the policy proposes a %(days)d-day suspension.",
            count,
        ) % {"count": count, "days": policy.suspension_days}
    if count >= policy.strikes_for_warning:
        return ngettext(
            "%(count)d active strike: the policy proposes a warning.",
            "%(count)d active strikes: the policy proposes a warning.",
            count,
        ) % {"count": count}
    return ""

"""Lifecycles of cases, decisions and appeals: the only moves allowed."""

from django.utils.translation import gettext_lazy, pgettext_lazy

from core.states import StateGraph

# The states as people read them (the moderation pages and refused moves).
STATE_LABELS = {
    "open": pgettext_lazy("moderation", "Open"),
    "awaiting_approval": pgettext_lazy("moderation", "Awaiting approval"),
    "decided": pgettext_lazy("moderation", "Decided"),
    "appealed": pgettext_lazy("moderation", "Appealed"),
    "pending_approval": gettext_lazy("Pending approval"),
    "in_force": pgettext_lazy("moderation", "In force"),
    "rejected": pgettext_lazy("moderation", "Not approved"),
    "reversed": pgettext_lazy("moderation", "Reversed"),
    "superseded": pgettext_lazy("moderation", "Superseded"),
    "submitted": pgettext_lazy("moderation", "Submitted"),
}

CASE = StateGraph(
    gettext_lazy("Case"),
    {
        "open": {"awaiting_approval", "decided"},
        "awaiting_approval": {"decided", "open"},
        "decided": {"appealed"},
        "appealed": {"decided"},
    },
    STATE_LABELS,
)

DECISION = StateGraph(
    gettext_lazy("Decision"),
    {
        "pending_approval": {"in_force", "rejected"},
        "in_force": {"reversed", "superseded"},
    },
    STATE_LABELS,
)

APPEAL = StateGraph(
    gettext_lazy("Appeal"),
    {
        "submitted": {"decided"},
    },
    STATE_LABELS,
)


def case_move(case, target_state: str) -> None:
    """Move a case along CASE and bump its version (the optimistic lock moderators hold)."""
    CASE.check(case.state, target_state)
    case.state = target_state
    case.version += 1
    case.save(update_fields=["state", "version", "decided_at"])

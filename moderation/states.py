"""Lifecycles of cases, decisions and appeals: the only moves allowed."""

from core.states import StateGraph

CASE = StateGraph(
    "case",
    {
        "open": {"awaiting_approval", "decided"},
        "awaiting_approval": {"decided", "open"},
        "decided": {"appealed"},
        "appealed": {"decided"},
    },
)

DECISION = StateGraph(
    "decision",
    {
        "pending_approval": {"in_force", "rejected"},
        "in_force": {"reversed", "superseded"},
    },
)

APPEAL = StateGraph(
    "appeal",
    {
        "submitted": {"decided"},
    },
)


def case_move(case, target_state: str) -> None:
    """Move a case along CASE and bump its version (the optimistic lock moderators hold)."""
    CASE.check(case.state, target_state)
    case.state = target_state
    case.version += 1
    case.save(update_fields=["state", "version", "decided_at"])

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

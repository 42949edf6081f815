"""Declared lifecycles of dataset releases and deletion notices (DESIGN: state machines
are explicit). Services call `.check(current, target)` before every move."""

from core.states import StateGraph

RELEASE = StateGraph(
    "dataset release",
    {
        "draft": {"built"},
        "built": {"published", "withdrawn"},
        "published": {"withdrawn"},
    },
)

# A notice is reminded at most twice, then escalated to staff; acknowledging ends it
# from any open state.
DELETION_NOTICE = StateGraph(
    "deletion notice",
    {
        "sent": {"reminded", "acknowledged"},
        "reminded": {"reminded", "escalated", "acknowledged"},
        "escalated": {"acknowledged"},
    },
)

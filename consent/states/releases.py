"""Declared lifecycles of dataset releases and deletion notices (DESIGN: state machines
are explicit). Services call `.check(current, target)` before every move."""

from django.utils.translation import gettext_lazy

from core.states import StateGraph

RELEASE = StateGraph(
    gettext_lazy("Dataset release"),
    {
        "draft": {"built"},
        "built": {"published", "withdrawn"},
        "published": {"withdrawn"},
    },
)

# A notice is reminded at most twice, then escalated to staff; acknowledging ends it
# from any open state.
DELETION_NOTICE = StateGraph(
    gettext_lazy("Deletion notice"),
    {
        "sent": {"reminded", "acknowledged"},
        "reminded": {"reminded", "escalated", "acknowledged"},
        "escalated": {"acknowledged"},
    },
)

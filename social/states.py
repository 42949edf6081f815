"""The lifecycle of a follow request: the only moves allowed."""

from django.utils.translation import gettext_lazy, pgettext_lazy

from core.states import StateGraph

FOLLOW_REQUEST = StateGraph(
    gettext_lazy("Follow request"),
    {"pending": {"accepted", "refused", "cancelled"}},
    {
        "pending": pgettext_lazy("follow request", "Pending"),
        "accepted": pgettext_lazy("follow request", "Accepted"),
        "refused": pgettext_lazy("follow request", "Refused"),
        "cancelled": pgettext_lazy("follow request", "Cancelled"),
    },
)

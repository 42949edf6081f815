"""The lifecycle of a depicted-person request (consent.services.depicted): staff approve the
exclusion or reject the request, each with reasons; a decided request is final (a new
statement starts a new request)."""

from core.states import StateGraph

DEPICTED_REQUEST = StateGraph(
    "depicted-person request",
    {"open": {"approved", "rejected"}},
)

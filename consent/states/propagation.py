"""The lifecycle of a withdrawal's propagation (consent.models.Propagation).

queued → running → completed; a run whose worker died (its lease ran out) goes back to
queued and resumes where it stopped, until its attempts are used up: then failed. The
nightly sweep (`deletion_reminders`) still re-checks every delivered release."""

from django.utils.translation import gettext_lazy

from core.states import StateGraph

PROPAGATION = StateGraph(
    gettext_lazy("Passing on a consent change"),
    {
        "queued": {"running", "failed"},
        "running": {"completed", "queued", "failed"},
    },
)

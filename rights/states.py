"""Lifecycles of the rights app's requests (declared graphs; see core.states).

Exports: requested → building → ready → expired; a build that fails ends in "failed"
(the user may simply ask again).

Erasure: scheduled → cancelled (within the grace period) or → erasing → completed, or
→ held while content under a legal hold is kept (moderation evidence or an open case or
appeal), and held → completed once the last hold has ended and that content is purged.

Archive imports: queued → running → completed or failed; a run whose worker died (its
lease ran out, core.leases) goes back to queued and resumes where it stopped, until its
attempts are used up: then failed, and what it added is removed. Runs of the older
command-line importer may still read "interrupted" or "undone".
"""

from django.utils.translation import gettext_lazy

from core.states import StateGraph

EXPORT = StateGraph(
    gettext_lazy("Data export"),
    {
        "requested": {"building", "failed"},
        "building": {"ready", "failed"},
        "ready": {"expired"},
    },
)

ERASURE = StateGraph(
    gettext_lazy("Erasure request"),
    {
        "scheduled": {"cancelled", "erasing"},
        "erasing": {"held", "completed"},
        "held": {"completed"},
    },
)

IMPORT = StateGraph(
    gettext_lazy("Archive import"),
    {
        "queued": {"running", "failed"},
        "running": {"completed", "failed", "queued"},
        "interrupted": {"undone"},
    },
)

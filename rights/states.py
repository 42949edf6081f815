"""Lifecycles of the rights app's requests (declared graphs; see core.states).

Exports: requested → building → ready → expired; a build that fails ends in "failed"
(the user may simply ask again).

Erasure: scheduled → cancelled (within the grace period) or → erasing → completed, or
→ held while content under a legal hold is kept (moderation evidence or an open case or
appeal), and held → completed once the last hold has ended and that content is purged.

Archive imports: running → completed or failed, or → interrupted when the process
running it died (its lease ran out, core.leases); the next run of the same archive into
the same account removes what the interrupted one added: interrupted → undone.
"""

from core.states import StateGraph

EXPORT = StateGraph(
    "data export",
    {
        "requested": {"building", "failed"},
        "building": {"ready", "failed"},
        "ready": {"expired"},
    },
)

ERASURE = StateGraph(
    "erasure request",
    {
        "scheduled": {"cancelled", "erasing"},
        "erasing": {"held", "completed"},
        "held": {"completed"},
    },
)

IMPORT = StateGraph(
    "archive import",
    {
        "running": {"completed", "failed", "interrupted"},
        "interrupted": {"undone"},
    },
)

"""The states of data exports as the member reads them. The graph (and the database) keep
the English names; the page shows `{% translate export.state context "state" %}`, and this
list puts each name in the catalogue."""

from django.utils.translation import pgettext_lazy

EXPORT_STATE_LABELS = {
    "requested": pgettext_lazy("state", "requested"),
    "building": pgettext_lazy("state", "building"),
    "ready": pgettext_lazy("state", "ready"),
    "failed": pgettext_lazy("state", "failed"),
    "expired": pgettext_lazy("state", "expired"),
}

# The erasure and import states, for refused moves (core.states); consent propagation runs
# share "queued", "running", "completed" and "failed".
OTHER_STATE_LABELS = {
    "scheduled": pgettext_lazy("state", "scheduled"),
    "cancelled": pgettext_lazy("state", "cancelled"),
    "erasing": pgettext_lazy("state", "erasing"),
    "held": pgettext_lazy("state", "held"),
    "completed": pgettext_lazy("state", "completed"),
    "queued": pgettext_lazy("state", "queued"),
    "running": pgettext_lazy("state", "running"),
    "interrupted": pgettext_lazy("state", "interrupted"),
    "undone": pgettext_lazy("state", "undone"),
}

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

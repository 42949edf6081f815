"""The states of releases, deletion notices and depicted-person requests as people read
them. The graphs (and the database) keep the English state names; pages show
`{% translate obj.state context "state" %}`, and this list puts each name in the catalogue."""

from django.utils.translation import pgettext_lazy

STATE_LABELS = {
    "draft": pgettext_lazy("state", "draft"),
    "built": pgettext_lazy("state", "built"),
    "published": pgettext_lazy("state", "published"),
    "withdrawn": pgettext_lazy("state", "withdrawn"),
    "sent": pgettext_lazy("state", "sent"),
    "reminded": pgettext_lazy("state", "reminded"),
    "escalated": pgettext_lazy("state", "escalated"),
    "acknowledged": pgettext_lazy("state", "acknowledged"),
    "open": pgettext_lazy("state", "open"),
    "approved": pgettext_lazy("state", "approved"),
    "rejected": pgettext_lazy("state", "rejected"),
}

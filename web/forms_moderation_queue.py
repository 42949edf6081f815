"""The queue's filter form: GET parameters (moderation.queue_selectors.QueueFilter cleans
them again; this form only draws the fields)."""

from django import forms
from django.utils.translation import gettext_lazy, pgettext_lazy

from moderation.models import Notice
from moderation.models.targets import Ground
from web.forms import CandidForm

ANY = [("", pgettext_lazy("moderation filter", "Any"))]


class QueueFilterForm(CandidForm):
    q = forms.CharField(
        label=gettext_lazy("Search"),
        required=False,
        help_text=gettext_lazy("Notice text, photo title or owner's username"),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    ground = forms.ChoiceField(
        label=pgettext_lazy("moderation", "Ground"), required=False, choices=ANY + Ground.choices
    )
    law = forms.CharField(label=gettext_lazy("Law"), required=False, max_length=100)
    country = forms.CharField(
        label=pgettext_lazy("moderation", "Country"),
        required=False,
        max_length=2,
        widget=forms.TextInput(attrs={"size": 3, "autocomplete": "off"}),
    )
    channel = forms.ChoiceField(
        label=gettext_lazy("Channel"), required=False, choices=ANY + Notice.Channel.choices
    )
    deadline = forms.ChoiceField(
        label=gettext_lazy("Deadline"),
        required=False,
        choices=ANY
        + [
            ("overdue", pgettext_lazy("moderation", "Overdue")),
            ("soon", gettext_lazy("Due soon")),
            ("on_time", gettext_lazy("On time")),
        ],
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=ANY
        + [
            ("open", gettext_lazy("Waiting for a decision")),
            ("awaiting_approval", gettext_lazy("Waiting for a second moderator")),
            ("appealed", gettext_lazy("Appealed")),
        ],
    )
    claim = forms.ChoiceField(
        label=gettext_lazy("Claim"),
        required=False,
        choices=ANY
        + [("mine", gettext_lazy("Assigned to me")), ("unclaimed", gettext_lazy("Unclaimed"))],
    )
    trusted = forms.BooleanField(label=gettext_lazy("Trusted flaggers only"), required=False)
    appealed = forms.BooleanField(label=gettext_lazy("Appealed only"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("trusted", "appealed"):
            self.fields[name].widget.attrs["value"] = "1"

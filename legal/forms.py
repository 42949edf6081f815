from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from legal.countries import EU_MEMBER_STATES, EUROPOL
from legal.services import NotificationInput
from web.forms import CandidForm

STATES = [
    *((code, code) for code in sorted(EU_MEMBER_STATES)),
    (EUROPOL, _("Europol (no member state can be identified)")),
]


class AuthorityNotificationForm(CandidForm):
    """DSA Art. 18: which authority was informed, what it was sent and when."""

    authority = forms.CharField(
        label=_("Authority informed"),
        max_length=200,
        help_text=_(
            "For example a police station's online service or the Federal Criminal "
            "Police Office (BKA)."
        ),
    )
    member_state = forms.ChoiceField(
        label=_("Member state of the authority"),
        choices=STATES,
        initial="DE",
        help_text=_(
            "The member state concerned: where the offence is suspected, where the "
            "suspect or the victim is. If none can be identified: where the operator "
            "is established, or Europol."
        ),
    )
    sent = forms.CharField(
        label=_("What was sent"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10000,
        help_text=_("All relevant information you gave the authority, as sent."),
    )
    sent_at = forms.DateTimeField(
        label=_("Sent at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    reference = forms.CharField(
        label=_("The authority's reference (optional)"), max_length=100, required=False
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "initial", {"sent_at": timezone.localtime().replace(second=0, microsecond=0)}
        )
        super().__init__(*args, **kwargs)

    def notification_input(self) -> NotificationInput:
        data = self.cleaned_data
        return NotificationInput(
            authority=data["authority"],
            member_state=data["member_state"],
            sent=data["sent"],
            sent_at=data["sent_at"],
            reference=data["reference"],
        )

"""Forms of the moderation pages: the report form (DSA Art. 16), the decision form (every
field a statement of reasons needs, Art. 17(3)), four-eyes rejection, appeals (Art. 20).
They check shape and the fields each ground needs; the services check everything again."""

import re

from django import forms
from django.utils.translation import get_language, gettext_lazy, pgettext, pgettext_lazy
from django.utils.translation import gettext as _

from moderation.countries import countries_sorted
from moderation.models import Appeal, Decision
from moderation.models.targets import Ground
from moderation.rule_wording import rules_worded
from moderation.sor import ILLEGAL_CATEGORIES
from web.forms import CandidForm

COUNTRY_HELP = gettext_lazy(
    "Choose from the list or type the two-letter country code, e.g. DE for Germany."
)
COUNTRY_LIST = "report-countries"  # the <datalist> in templates/moderation/report.html
CATEGORY_CHOICES = [("", gettext_lazy("Choose a category")), *ILLEGAL_CATEGORIES.items()]
UNKNOWN_RULE = gettext_lazy("Unknown rule: choose one of the community rules.")


def rule_choices(rules) -> list[tuple[str, str]]:
    """The rules in force, each titled in the reader's language."""
    worded = rules_worded(list(rules), get_language() or "")
    return [("", _("Choose a rule")), *((w.code, w.title) for w in worded)]


class ReportForm(CandidForm):
    """One form for every ground. The item comes as type + id (from a Report link) or as a
    link pasted by the notifier."""

    target_type = forms.CharField(required=False, widget=forms.HiddenInput)
    target_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    url = forms.CharField(
        label=gettext_lazy("Link to the item"),
        max_length=500,
        required=False,
        help_text=gettext_lazy("The address of a photo, album or profile on Candid."),
    )
    ground = forms.ChoiceField(
        label=gettext_lazy("What is wrong with it?"),
        choices=Ground.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Choose whether it is illegal or breaks the rules.")
        },
    )
    country = forms.CharField(
        label=pgettext_lazy("moderation", "Country"),
        max_length=2,
        required=False,
        help_text=COUNTRY_HELP,
        widget=forms.TextInput(attrs={"list": COUNTRY_LIST, "autocomplete": "off", "size": 4}),
    )
    law = forms.CharField(
        label=gettext_lazy("Law or offence"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("E.g. §185 StGB (insult), or copyright infringement."),
    )
    category = forms.ChoiceField(
        label=pgettext_lazy("moderation", "Category"), choices=CATEGORY_CHOICES, required=False
    )
    netzdg_manifest = forms.BooleanField(
        label=gettext_lazy("Manifestly illegal: obvious at first sight"),
        required=False,
        help_text=gettext_lazy(
            "Our commitment: we decide such reports within 24 hours, other reports of "
            "illegal content within 7 days."
        ),
    )
    good_faith = forms.BooleanField(
        label=gettext_lazy("I believe in good faith that this report is accurate and complete."),
        required=False,
    )
    rule = forms.ChoiceField(
        label=pgettext_lazy("moderation", "Rule"),
        required=False,
        error_messages={"invalid_choice": UNKNOWN_RULE},
    )
    explanation = forms.CharField(
        label=pgettext_lazy("moderation", "Explanation"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("What is wrong and why, as precisely as you can."),
        error_messages={"required": gettext_lazy("Please explain why you are reporting this.")},
    )
    name = forms.CharField(
        label=pgettext_lazy("moderation", "Your name"), max_length=120, required=False
    )
    email = forms.EmailField(
        label=pgettext_lazy("moderation", "Your email"),
        required=False,
        help_text=gettext_lazy(
            "For the confirmation and the decision; never shown to the person reported."
        ),
    )
    send_to_server = forms.BooleanField(
        label=gettext_lazy("Also send this report to their server"),
        required=False,
        help_text=gettext_lazy(
            "Only for content from another server. Candid sends that server's moderators "
            "your explanation, in Candid's name; your name and account are not passed on "
            "unless you tick the next box."
        ),
    )
    share_identity = forms.BooleanField(
        label=gettext_lazy("Tell their server that the report comes from my account"),
        required=False,
    )

    def __init__(self, *args, rules=(), anonymous: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rule"].choices = rule_choices(rules)
        for field in ("name", "email"):
            self.fields[field].required = anonymous
        if anonymous:  # passing a report on is for members (issue 20)
            del self.fields["send_to_server"], self.fields["share_identity"]

    def clean_country(self) -> str:
        return (self.cleaned_data.get("country") or "").strip().upper()

    @staticmethod
    def countries() -> list[tuple[str, str]]:
        """The suggestions of the country field, named in the reader's language."""
        return countries_sorted()

    def clean(self):
        data = super().clean()
        if data.get("ground") == Ground.ILLEGAL:
            if not re.fullmatch(r"[A-Za-z]{2}", data.get("country") or ""):
                self.add_error("country", _("Name the country whose law it breaks, e.g. DE."))
            if not (data.get("law") or "").strip():
                self.add_error("law", _("Name the law or offence it breaks."))
            if not data.get("good_faith"):
                self.add_error("good_faith", _("Please confirm your report is made in good faith."))
        elif data.get("ground") == Ground.RULES and not data.get("rule"):
            if "rule" not in self.errors:
                self.add_error("rule", _("Choose the rule it breaks."))
        return data


def parse_countries(text: str) -> list[str]:
    codes = [c.strip().upper() for c in re.split(r"[,\s]+", text or "") if c.strip()]
    if any(not re.fullmatch(r"[A-Z]{2}", c) for c in codes):
        raise forms.ValidationError(_("Use two-letter country codes separated by commas: DE, AT."))
    return codes


class MeasureForm(CandidForm):
    """Every field a statement of reasons needs (DSA Art. 17(3)). Used alone for the new
    measure of a "modified" appeal outcome, and as the base of the case decision form."""

    action = forms.ChoiceField(
        label=pgettext_lazy("moderation", "Decision"), choices=Decision.Action.choices
    )
    ground = forms.ChoiceField(
        label=pgettext_lazy("moderation", "Ground"),
        required=False,
        choices=[("", gettext_lazy("None (no action)")), *Ground.choices],
        widget=forms.RadioSelect,
    )
    category = forms.ChoiceField(
        label=pgettext_lazy("moderation", "Category"), choices=CATEGORY_CHOICES, required=False
    )
    legal_ground = forms.CharField(
        label=gettext_lazy("Law relied on"),
        max_length=500,
        required=False,
        help_text=gettext_lazy("E.g. §201a StGB."),
    )
    legal_explanation = forms.CharField(
        label=gettext_lazy("Why it is illegal under that law"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    rule = forms.ChoiceField(
        label=gettext_lazy("Community rule"),
        required=False,
        error_messages={"invalid_choice": UNKNOWN_RULE},
    )
    rule_explanation = forms.CharField(
        label=gettext_lazy("How it breaks the rule"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    facts = forms.CharField(
        label=gettext_lazy("Facts and circumstances relied on"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": gettext_lazy("State the facts and circumstances the decision relies on.")
        },
    )
    automated_detection = forms.BooleanField(
        label=gettext_lazy("Detected by automated means"), required=False
    )
    automated_decision = forms.ChoiceField(
        label=gettext_lazy("Automated decision"),
        choices=Decision.Automation.choices,
        initial=Decision.Automation.NOT_AUTOMATED,
    )
    countries = forms.CharField(
        label=gettext_lazy("Countries (withhold only)"),
        max_length=200,
        required=False,
        help_text=gettext_lazy(
            "Comma-separated ISO codes, e.g. DE, AT. The item stays available elsewhere."
        ),
    )
    duration_days = forms.IntegerField(
        label=gettext_lazy("Duration in days (suspension only)"),
        min_value=1,
        max_value=3650,
        required=False,
    )
    manifestly_illegal = forms.BooleanField(
        label=gettext_lazy("Manifestly illegal"), required=False
    )
    storage_unlawful = forms.BooleanField(
        label=gettext_lazy("Mere storage is unlawful"),
        required=False,
        help_text=gettext_lazy(
            "Warning: the content is purged at once and no image evidence is kept. "
            "Only for content such as child sexual abuse material."
        ),
    )

    def __init__(self, *args, rules=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rule"].choices = rule_choices(rules)

    def clean_countries(self):
        return parse_countries(self.cleaned_data.get("countries", ""))

    def decision_input(self):
        from moderation.services.decisions import DecisionInput

        data = self.cleaned_data
        return DecisionInput(
            action=data["action"],
            facts=data["facts"],
            ground=data["ground"],
            category=data["category"],
            legal_ground=data["legal_ground"],
            legal_explanation=data["legal_explanation"],
            rule_code=data["rule"],
            rule_explanation=data["rule_explanation"],
            automated_detection=data["automated_detection"],
            automated_decision=data["automated_decision"],
            countries=data["countries"],
            duration_days=data["duration_days"],
            manifestly_illegal=data["manifestly_illegal"],
            storage_unlawful=data["storage_unlawful"],
            unfounded_notice_ids=[int(pk) for pk in data.get("unfounded", [])],
        )


class RelatedCasesField(forms.MultipleChoiceField):
    """Checked in DecisionForm.clean_also: the versions in the values may be older than
    the choices drawn now."""

    def validate(self, value):
        return None


class DecisionForm(MeasureForm):
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    queue = forms.CharField(required=False, max_length=1000, widget=forms.HiddenInput)
    also = RelatedCasesField(
        label=gettext_lazy("Apply the same decision to these cases too"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "Each case gets its own decision and each affected person their own statement of "
            "reasons; every case is logged and counted separately."
        ),
    )
    unfounded = forms.MultipleChoiceField(
        label=gettext_lazy("Manifestly unfounded notices"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Counts towards the notifier's misuse record (DSA Art. 23)."),
    )

    def __init__(self, *args, notices=(), related=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unfounded"].choices = [
            (str(n.pk), _("%(reference)s by %(name)s") % _notifier(n)) for n in notices
        ]
        self.fields["also"].choices = [
            (f"{r.case.pk}:{r.case.version}", _related_label(r)) for r in related
        ]
        self._related_ids = {r.case.pk for r in related}

    def clean_also(self) -> list[str]:
        """A related case, as "id:version seen". A case that changed since the page was
        shown still counts as chosen: the decision then refuses it as a conflict."""
        chosen = []
        for value in self.cleaned_data.get("also", []):
            parts = value.split(":")
            if len(parts) != 2 or not all(p.isdigit() for p in parts):
                raise forms.ValidationError(_("Choose related cases from the list."))
            if int(parts[0]) not in self._related_ids:
                raise forms.ValidationError(_("Choose related cases from the list."))
            chosen.append(value)
        return chosen

    def clean(self):
        """The countries only scope a withholding; pre-filled from the notices, they are
        dropped for any other measure (a removal applies everywhere)."""
        data = super().clean()
        if data.get("action") != Decision.Action.WITHHOLD:
            data["countries"] = []
        return data

    def also_cases(self) -> list[tuple[int, int]]:
        """(case id, version seen) of the related cases chosen."""
        return [tuple(int(p) for p in value.split(":")) for value in self.cleaned_data["also"]]


def _related_label(related) -> str:
    if related.why == "same_photo":
        return _("Case %(id)s: the same photo, uploaded again") % {"id": related.case.pk}
    return _("Case %(id)s: reported in the same wave of notices") % {"id": related.case.pk}


def _notifier(notice) -> dict:
    return {
        "reference": notice.reference,
        "name": notice.notifier_name or pgettext("moderation", "anonymous"),
    }


class RejectForm(CandidForm):
    reason = forms.CharField(
        label=gettext_lazy("Why you do not approve"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "required": gettext_lazy("Say why you do not approve, for the proposing moderator.")
        },
    )


class AppealForm(CandidForm):
    token = forms.CharField(required=False, widget=forms.HiddenInput)
    explanation = forms.CharField(
        label=gettext_lazy("Why the decision should change"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": gettext_lazy("Please explain why the decision should change.")},
    )
    attachment = forms.FileField(
        label=gettext_lazy("Attachment (optional)"),
        required=False,
        help_text=gettext_lazy(
            "A PDF, JPEG or PNG file of up to 5 MB, e.g. a licence or a permission."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )
    too_short = 10  # characters, as moderation.services.appeals.appeal_submit asks

    def clean_explanation(self):
        """Too short to say why: refused here as well as by the service (appeal_submit), so
        the message stands at the field it is about, not above the form."""
        text = self.cleaned_data["explanation"]
        if len(text.strip()) < self.too_short:
            message = self.fields["explanation"].error_messages["required"]
            raise forms.ValidationError(message, code="too_short")
        return text


class AppealDecideForm(CandidForm):
    outcome = forms.ChoiceField(
        label=pgettext_lazy("moderation", "Outcome"),
        choices=Appeal.Outcome.choices,
        widget=forms.RadioSelect,
    )
    reasons = forms.CharField(
        label=pgettext_lazy("moderation", "Reasons"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("Both parties will read them."),
    )

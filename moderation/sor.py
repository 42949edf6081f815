"""Statement-of-reasons fields in the EU DSA Transparency Database format (Art. 17, 24(5)).

Field names and enumeration keys follow the Commission's schema (shared reference
`dsa-sor-schema.json`). The record holds no personal data: ids are Candid's own opaque
puids, never names or emails.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from moderation.models import Decision
from moderation.models.targets import TargetType

RULES_CATEGORY = "STATEMENT_CATEGORY_OTHER_VIOLATION_TC"
# The schema's categories of illegal content, with their labels for people (translated).
ILLEGAL_CATEGORIES = {
    "STATEMENT_CATEGORY_ANIMAL_WELFARE": _("Animal welfare"),
    "STATEMENT_CATEGORY_CONSUMER_INFORMATION": _("Consumer information"),
    "STATEMENT_CATEGORY_CYBER_VIOLENCE": _("Cyber violence"),
    "STATEMENT_CATEGORY_CYBER_VIOLENCE_AGAINST_WOMEN": _("Cyber violence against women"),
    "STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS": _(
        "Data protection and privacy violations"
    ),
    "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH": _("Illegal or harmful speech"),
    "STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS": _(
        "Intellectual property infringements"
    ),
    "STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS": _(
        "Negative effects on civic discourse or elections"
    ),
    "STATEMENT_CATEGORY_PROTECTION_OF_MINORS": _("Protection of minors"),
    "STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY": _("Risk for public security"),
    "STATEMENT_CATEGORY_SCAMS_AND_FRAUD": _("Scams and fraud"),
    "STATEMENT_CATEGORY_SELF_HARM": pgettext_lazy("moderation", "Self-harm"),
    "STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS": _("Unsafe and prohibited products"),
    "STATEMENT_CATEGORY_VIOLENCE": pgettext_lazy("moderation", "Violence"),
    "STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE": _("Not specified in the notice"),
}
EEA = [
    "AT",
    "BE",
    "BG",
    "HR",
    "CY",
    "CZ",
    "DK",
    "EE",
    "FI",
    "FR",
    "DE",
    "GR",
    "HU",
    "IE",
    "IT",
    "LV",
    "LT",
    "LU",
    "MT",
    "NL",
    "PL",
    "PT",
    "RO",
    "SK",
    "SI",
    "ES",
    "SE",
    "IS",
    "LI",
    "NO",
]

VISIBILITY = {
    Decision.Action.LABEL_SENSITIVE: "DECISION_VISIBILITY_CONTENT_LABELLED",
    Decision.Action.RESTRICT: "DECISION_VISIBILITY_CONTENT_DEMOTED",
    Decision.Action.WITHHOLD: "DECISION_VISIBILITY_CONTENT_DISABLED",
    Decision.Action.REMOVE: "DECISION_VISIBILITY_CONTENT_REMOVED",
}
ACCOUNT = {
    Decision.Action.SUSPEND: "DECISION_ACCOUNT_SUSPENDED",
    Decision.Action.TERMINATE: "DECISION_ACCOUNT_TERMINATED",
}
CONTENT_TYPE = {
    TargetType.PHOTO: "CONTENT_TYPE_IMAGE",
    TargetType.COMMENT: "CONTENT_TYPE_TEXT",
    TargetType.PROFILE: "CONTENT_TYPE_TEXT",
    TargetType.ALBUM: "CONTENT_TYPE_OTHER",
    # Federated content shown here: a post from another server is stored here only when it
    # carries images (federation/posts.py); replies and accounts are text, as on Candid.
    TargetType.REMOTE_POST: "CONTENT_TYPE_IMAGE",
    TargetType.REMOTE_REPLY: "CONTENT_TYPE_TEXT",
    TargetType.REMOTE_ACCOUNT: "CONTENT_TYPE_TEXT",
}


def restricts(action: str) -> bool:
    """Only restrictions are due a statement (Art. 17(1)); "no action" is told to notifiers."""
    return action in VISIBILITY or action in ACCOUNT


def sor_fields(decision: Decision, *, content_date, source_type: str, rule_url: str) -> dict:
    case = decision.case
    fields = {
        "decision_ground": (
            "DECISION_GROUND_ILLEGAL_CONTENT"
            if decision.ground == "illegal"
            else "DECISION_GROUND_INCOMPATIBLE_CONTENT"
        ),
        "content_type": [CONTENT_TYPE[case.target_type]],
        "category": decision.category or RULES_CATEGORY,
        "content_date": content_date.date().isoformat(),
        "application_date": (decision.applied_at or decision.created_at).date().isoformat(),
        "decision_facts": decision.facts,
        "source_type": source_type,
        "automated_detection": "Yes" if decision.automated_detection else "No",
        "automated_decision": decision.automated_decision,
        "puid": f"candid-decision-{decision.pk}",
        "territorial_scope": _scope(decision),
    }
    if case.target_type == TargetType.ALBUM:
        fields["content_type_other"] = "Photo album"
    if decision.action in VISIBILITY:
        fields["decision_visibility"] = [VISIBILITY[decision.action]]
        if decision.ends_at:
            fields["end_date_visibility_restriction"] = decision.ends_at.date().isoformat()
    if decision.action in ACCOUNT:
        fields["decision_account"] = ACCOUNT[decision.action]
        if decision.ends_at:
            fields["end_date_account_restriction"] = decision.ends_at.date().isoformat()
    if decision.ground == "illegal":
        fields["illegal_content_legal_ground"] = decision.legal_ground[:500]
        fields["illegal_content_explanation"] = decision.legal_explanation[:2000]
    else:
        rule = decision.rule
        fields["incompatible_content_ground"] = (
            f"Community rules v{rule.ruleset.version}, rule {rule.code}: {rule.title}"
        )[:500]
        fields["incompatible_content_explanation"] = decision.rule_explanation[:2000]
        fields["decision_ground_reference_url"] = rule_url
    return fields


def _scope(decision: Decision) -> list[str]:
    if decision.action == Decision.Action.WITHHOLD:
        return [code for code in decision.territorial_scope if code in EEA]
    return list(EEA)

"""Words the reports print, translatable (German for the NetzDG report, §2(1) NetzDG).
Keys are the values stored in the event log."""

from django.utils.translation import gettext_lazy as _

NOTIFIER_TYPES = {
    "complaint_body": _("Complaints bodies"),
    "user": _("Users"),
    "trusted_flagger": _("Trusted flaggers"),
    "authority": _("Authorities"),
}
CHANNELS = {
    "web": _("Web form"),
    "api": _("API"),
    "moderator": _("Entered by a moderator"),
    "authority": _("Authority order"),
    "federation": _("Another server's report"),
}
OUTCOMES = {
    "removed": _("Led to removal or blocking"),
    "other_action": _("Other action"),
    "no_action": _("No action"),
    "pending": _("Pending"),
}
BUCKETS = {
    "24h": _("Within 24 hours"),
    "48h": _("Within 48 hours"),
    "7d": _("Within one week"),
    "later": _("Later"),
}
ROLES = {"affected": _("Affected users (counter-notifications)"), "notifier": _("Notifiers")}
APPEAL_OUTCOMES = {
    "upheld": _("Decision upheld"),
    "reversed": _("Decision reversed"),
    "modified": _("Decision modified"),
    "pending": _("Pending"),
}
RULES_REASON = _("Community rules (terms of service)")
OTHER_ILLEGAL = _("Other illegal content")
TOTAL = _("Total")
UNKNOWN = _("Not stated")


def label(mapping: dict, key: str) -> str:
    return str(mapping.get(key, key or UNKNOWN))


def category_label(category: str) -> str:
    """STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH -> "Illegal or harmful speech"."""
    if not category:
        return str(UNKNOWN)
    return category.removeprefix("STATEMENT_CATEGORY_").replace("_", " ").capitalize()

"""What the DSA tables share: the service's identity, the period, the statement categories
they list, and the wording for fields that do not apply to Candid."""

from dataclasses import dataclass

from django.conf import settings

from moderation.sor import ILLEGAL_CATEGORIES, RULES_CATEGORY
from transparency.reports.periods import Period
from transparency.reports.tables import NOT_APPLICABLE_SMALL

ALL = "All"
HOSTING = "Only for providers of hosting services, including online platforms"
PLATFORMS = "Only for providers of online platforms"
VLOPS = "Only for VLOPs and VLOSEs"
NO_SUCH_MEASURE = "not applicable (Candid has no such measure)"
NO_AUTOMATION = "not applicable (no measures taken solely by automated means)"
NOT_MEASURED = "not measured"
NO_ART10_INTAKE = "not recorded"
ART10_NOTE = "Orders to provide information (Art. 10) are handled outside Candid's log."
TOTAL = "TOTAL"

# The statement categories the notice and order tables list (dsa.py and dsa_measures.py).
NOT_SPECIFIED = "STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE"
NOT_SPECIFIED_ORDER = "STATEMENT_CATEGORY_NOT_SPECIFIED_ORDER"
ILLEGAL = [key for key in ILLEGAL_CATEGORIES if key != NOT_SPECIFIED]
NOTICE_CATEGORIES = [*ILLEGAL, NOT_SPECIFIED, RULES_CATEGORY]
ORDER_CATEGORIES = [*ILLEGAL, NOT_SPECIFIED_ORDER]


@dataclass(frozen=True)
class Context:
    service: str
    period: Period

    @classmethod
    def of(cls, period: Period) -> "Context":
        return cls(getattr(settings, "CANDID_SERVICE_NAME", "Candid"), period)

    def lead(self, applicability: str = ALL) -> list:
        return [applicability, self.service, self.period.template_range]

    def long_row(self, applicability, section, indicator, scope, value, context="") -> list:
        return [*self.lead(applicability), section, indicator, scope, value, context]


def small_platform_note(applicability: str) -> str:
    """Online-platform duties (DSA Arts. 20–24) do not bind micro/small enterprises
    (Art. 19); Candid reports these figures voluntarily."""
    if applicability in (PLATFORMS, VLOPS):
        return f"Reported voluntarily: {NOT_APPLICABLE_SMALL} under DSA Art. 19."
    return ""

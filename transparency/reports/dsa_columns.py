"""Column names of the Commission's harmonised transparency-report templates
(Implementing Regulation (EU) 2024/2835, Annex I, as published in CSV form), in order.
Every figure column has a "Contextual information on …" column after the figures."""

LEAD = ["Applicability", "Service", "Reporting period"]
CATEGORY = ["Category of illegal content", 'Description of the sub-category "Other"']
LONG = [*LEAD, "Section", "Indicator", "Scope", "Value", "Contextual Information"]
IDENTIFICATION = ["Applicability", "Service", "Indicator", "Value"]

ORDERS = [
    "Number of orders to act against illegal content received",
    "Number of specific items of information included in the total number of orders to act "
    "against illegal content",
    "Median time to inform the authority of the receipt of the order to act against "
    "illegal content",
    "Median time to give effect to the order to act against illegal content",
    "Number of orders to provide information",
    "Median time to inform the authority of the receipt of the order to provide information",
    "Median time to give effect to the order to provide information",
]
NOTICES = [
    "Number of notices received",
    "Number of notices received from Trusted flaggers",
    "Number of specific items of information included in the total number of notices",
    "Number of specific items of information included in the total number of notices by "
    "Trusted Flaggers (Trusted Flagger notices)",
    "Median time to take action",
    "Median time to take action (Trusted Flagger notices)",
    "Number of actions taken on the basis of the law",
    "Number of actions taken on the basis of the law (Trusted Flagger notices)",
    "Number of actions taken on the basis of the terms and conditions of the service",
    "Number of actions taken on the basis of the terms and conditions of the service "
    "(Trusted Flagger notices)",
]
OWN_INITIATIVE = [
    "Number of measures taken at the provider's own initiative",
    "Number of measures taken after detection with solely automated means",
    "Visibility restriction Removal",
    "Visibility restriction Disable",
    "Visibility restriction Demoted",
    "Visibility restriction Age restricted",
    "Visibility restriction Interaction restricted",
    "Visibility restriction Labelled",
    "Visibility restriction Other",
    "Monetary restriction Suspension",
    "Monetary restriction Termination",
    "Monetary restriction Other",
    "Provision of the service Suspension",
    "Provision of the service Termination",
    "Account restriction Suspension",
    "Account restriction Termination",
]
# Candid's decision actions in the template's restriction columns (as in moderation/sor.py).
RESTRICTION_COLUMN = {
    "remove": "Visibility restriction Removal",
    "withhold": "Visibility restriction Disable",
    "restrict": "Visibility restriction Demoted",
    "label_sensitive": "Visibility restriction Labelled",
    "suspend": "Account restriction Suspension",
    "terminate": "Account restriction Termination",
}
NO_MONETISATION = {
    "Monetary restriction Suspension",
    "Monetary restriction Termination",
    "Monetary restriction Other",
    "Provision of the service Suspension",
    "Provision of the service Termination",
}


def with_context(figures: list[str], prefix: str = "Contextual information on ") -> list[str]:
    return [*figures, *(prefix + name for name in figures)]

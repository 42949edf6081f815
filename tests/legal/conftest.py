"""Operator profiles as an operator writes them (the TOML file's tables, as dicts), and a
case to notify the authorities about."""

import copy

import pytest
from django.utils import timezone

from moderation.default_rules import DEFAULT_RULES
from moderation.models import Rule, RuleSet

IMPRESSUM = {
    "name": "Lichtbild Gemeinschaft GmbH",
    "legal_form": "GmbH",
    "representative": "Erika Mustermann",
    "address": "Hafenstraße 5\n20457 Hamburg",
    "email": "kontakt@lichtbild.example",
    "phone": "+49 40 1234567",
    "register": "Amtsgericht Hamburg",
    "register_number": "HRB 999999",
    "vat_id": "DE123456789",
}
CONTACTS = {
    "authorities": {"email": "behoerden@lichtbild.example", "languages": ["de", "en"]},
    "users": {"email": "hilfe@lichtbild.example", "languages": ["de", "en"]},
}
SMALL_GERMANY = {
    "size": "micro_or_small",
    "country": "DE",
    "impressum": IMPRESSUM,
    "contact": CONTACTS,
    "agent": {"is_operator": True},
}
LARGE_GERMANY = {**SMALL_GERMANY, "size": "other"}
AUSTRIA = {
    "size": "micro_or_small",
    "country": "AT",
    "impressum": {**IMPRESSUM, "address": "Praterstraße 1\n1020 Wien"},
    "contact": CONTACTS,
}
OUTSIDE_EU = {
    "size": "micro_or_small",
    "country": "US",
    "impressum": {**IMPRESSUM, "address": "1 Main Street\nSpringfield, OR 97477"},
    "contact": {
        **CONTACTS,
        "authorities": {"email": "legal@lichtbild.example", "languages": ["en", "de"]},
    },
    "agent": {
        "name": "Kanzlei Zustellung",
        "address": "Unter den Linden 1\n10117 Berlin",
        "email": "zustellung@kanzlei.example",
    },
    "legal_representative": {
        "name": "EU Rep Ltd",
        "address": "1 Grand Canal\nDublin",
        "email": "rep@eurep.example",
        "country": "IE",
    },
}


@pytest.fixture
def operator(settings):
    """operator(profile_dict): makes it this instance's profile."""

    def use(profile: dict) -> dict:
        settings.CANDID_OPERATOR = copy.deepcopy(profile)
        return settings.CANDID_OPERATOR

    return use


@pytest.fixture
def rules(db):
    if not RuleSet.objects.exists():
        ruleset = RuleSet.objects.create(
            version=1, published_at=timezone.now(), effective_at=timezone.now()
        )
        Rule.objects.bulk_create(Rule(ruleset=ruleset, **r) for r in DEFAULT_RULES)


@pytest.fixture
def case(rules, photo, report):
    return report(photo).case
